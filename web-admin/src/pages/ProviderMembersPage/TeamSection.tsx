import { useMutation } from '@apollo/client/react';
import { type MemberRow, MembersTable, reportOutcome, useViewer } from '@hotlead/ui';
import { Paper, Stack, Text, Title } from '@mantine/core';
import {
  ProviderMemberRemoveDocument,
  ProviderMemberRoleChangeDocument,
  ProviderMembersPageDocument,
  type ProviderMembersPageQuery,
  type WorkspaceRole,
} from '../../gql/graphql';
import { PROVIDER_ROLES } from './roles';

type Workspace = NonNullable<ProviderMembersPageQuery['workspace']>;

/** The provider team; the owner changes roles and removes people. */
export function TeamSection({ workspace }: { workspace: Workspace }) {
  const viewer = useViewer();
  const refetch = { refetchQueries: [ProviderMembersPageDocument], awaitRefetchQueries: true };
  const [roleChange] = useMutation(ProviderMemberRoleChangeDocument, refetch);
  const [remove] = useMutation(ProviderMemberRemoveDocument, refetch);

  const onRoleChange = (member: MemberRow<WorkspaceRole>, role: WorkspaceRole) =>
    reportOutcome(async () => (await roleChange({ variables: { membershipId: member.id, role } })).data?.workspaceMemberRoleChange, {
      success: `${member.user.name} is now ${role.toLowerCase()}.`,
      failureTitle: 'Role not changed',
    });

  const onRemove = (member: MemberRow<WorkspaceRole>) =>
    reportOutcome(async () => (await remove({ variables: { membershipId: member.id } })).data?.workspaceMemberRemove, {
      success: `${member.user.name} was removed from ${workspace.name}.`,
      failureTitle: 'Member not removed',
    });

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Team
        </Title>
        <Text size="sm" c="dimmed">
          Owners and admins manage leads and the team; members work their assigned leads.
        </Text>
        <MembersTable
          members={workspace.members}
          roles={PROVIDER_ROLES}
          canManage={workspace.viewerRole === 'OWNER'}
          viewer={viewer}
          onRoleChange={onRoleChange}
          onRemove={onRemove}
        />
      </Stack>
    </Paper>
  );
}
