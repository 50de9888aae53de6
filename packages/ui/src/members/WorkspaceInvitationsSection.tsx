import { useMutation, useQuery } from '@apollo/client/react';
import { invitableWorkspaceRoles } from '@hotlead/domain';
import { Divider, Paper, Stack, Title } from '@mantine/core';
import { notifyError, notifySuccess, reportOutcome } from '../feedback/notify';
import { TableSkeleton } from '../feedback/Skeletons';
import {
  WorkspaceInvitationCreateDocument,
  WorkspaceInvitationRevokeDocument,
  WorkspaceInvitationsDocument,
  type WorkspaceRole,
} from '../gql/graphql';
import { InvitationsTable, type InvitationRow } from './InvitationsTable';
import { InviteMemberForm } from './InviteMemberForm';

export interface WorkspaceInvitationsSectionProps {
  workspaceId: string;
  viewerRole: WorkspaceRole;
}

/** A workspace's pending invitations and the "Invite member" form (owners and admins). */
export function WorkspaceInvitationsSection({ workspaceId, viewerRole }: WorkspaceInvitationsSectionProps) {
  const { data } = useQuery(WorkspaceInvitationsDocument, { variables: { id: workspaceId } });
  const refetch = { refetchQueries: [WorkspaceInvitationsDocument], awaitRefetchQueries: true };
  const [invitationCreate] = useMutation(WorkspaceInvitationCreateDocument, refetch);
  const [invitationRevoke] = useMutation(WorkspaceInvitationRevokeDocument, refetch);

  const pending = (data?.workspace?.invitations ?? []).filter((i) => i.status === 'PENDING');

  const onInvite = async ({ email, role }: { email: string; role: WorkspaceRole }) => {
    try {
      const { data: result } = await invitationCreate({ variables: { workspaceId, email, role } });
      const userErrors = result?.invitationCreate.userErrors ?? [];
      if (userErrors.length === 0) notifySuccess(`We emailed an invitation to ${email}.`, 'Invitation sent');
      return userErrors;
    } catch (error) {
      notifyError(error, 'Invitation not sent');
      return null;
    }
  };

  const onRevoke = (invitation: InvitationRow) =>
    reportOutcome(async () => (await invitationRevoke({ variables: { invitationId: invitation.id } })).data?.invitationRevoke, {
      success: `The invitation for ${invitation.email} was withdrawn.`,
      failureTitle: 'Invitation not revoked',
    });

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Invitations
        </Title>
        {data ? <InvitationsTable invitations={pending} canManage onRevoke={onRevoke} /> : <TableSkeleton rows={2} />}
        <Divider label="Invite member" labelPosition="left" />
        <InviteMemberForm roles={invitableWorkspaceRoles(viewerRole)} defaultRole="MEMBER" onInvite={onInvite} />
      </Stack>
    </Paper>
  );
}
