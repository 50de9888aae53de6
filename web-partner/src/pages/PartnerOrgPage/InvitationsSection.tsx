import { useMutation, useQuery } from '@apollo/client/react';
import {
  type InvitationRow,
  InvitationsTable,
  InviteMemberForm,
  notifyError,
  notifySuccess,
  reportOutcome,
  TableSkeleton,
} from '@hotlead/ui';
import { Divider, Paper, Stack, Title } from '@mantine/core';
import {
  PartnerInvitationCreateDocument,
  PartnerInvitationRevokeDocument,
  PartnerOrgInvitationsDocument,
  type PartnerRole,
} from '../../gql/graphql';
import { PARTNER_ROLES } from './MembersSection';

/** Pending invitations and "Invite member" (owners). */
export function InvitationsSection({ partnerOrgId }: { partnerOrgId: string }) {
  const { data } = useQuery(PartnerOrgInvitationsDocument, { variables: { id: partnerOrgId } });
  const refetch = { refetchQueries: [PartnerOrgInvitationsDocument], awaitRefetchQueries: true };
  const [invitationCreate] = useMutation(PartnerInvitationCreateDocument, refetch);
  const [invitationRevoke] = useMutation(PartnerInvitationRevokeDocument, refetch);

  const pending = (data?.partnerOrg?.invitations ?? []).filter((i) => i.status === 'PENDING');

  const onInvite = async ({ email, role }: { email: string; role: PartnerRole }) => {
    try {
      const { data: result } = await invitationCreate({ variables: { partnerOrgId, email, role } });
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
        <InviteMemberForm roles={PARTNER_ROLES} defaultRole="MEMBER" onInvite={onInvite} />
      </Stack>
    </Paper>
  );
}
