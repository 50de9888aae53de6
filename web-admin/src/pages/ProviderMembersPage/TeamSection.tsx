import { useMutation } from '@apollo/client/react';
import { MembersTable, notifyError, notifyFailure, notifySuccess, useViewer, type MemberRow } from '@hotlead/ui';
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

  const onRoleChange = async (member: MemberRow<WorkspaceRole>, role: WorkspaceRole) => {
    try {
      const { data } = await roleChange({ variables: { membershipId: member.id, role } });
      const firstError = data?.workspaceMemberRoleChange.userErrors[0];
      if (firstError) notifyFailure(firstError.message, 'Role not changed');
      else notifySuccess(`${member.user.name} is now ${role.toLowerCase()}.`);
    } catch (error) {
      notifyError(error, 'Role not changed');
    }
  };

  const onRemove = async (member: MemberRow<WorkspaceRole>) => {
    try {
      const { data } = await remove({ variables: { membershipId: member.id } });
      const firstError = data?.workspaceMemberRemove.userErrors[0];
      if (firstError) notifyFailure(firstError.message, 'Member not removed');
      else notifySuccess(`${member.user.name} was removed from ${workspace.name}.`);
    } catch (error) {
      notifyError(error, 'Member not removed');
    }
  };

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
