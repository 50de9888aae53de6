import { useMutation } from '@apollo/client/react';
import { MembersTable, notifyError, notifyFailure, notifySuccess, useViewer, type MemberRow } from '@hotlead/ui';
import { Paper, Stack, Title } from '@mantine/core';
import {
  WorkspaceMemberRemoveDocument,
  WorkspaceMemberRoleChangeDocument,
  WorkspacePageDocument,
  type WorkspacePageQuery,
  type WorkspaceRole,
} from '../../gql/graphql';
import { WORKSPACE_ROLES } from './roles';

type Workspace = NonNullable<WorkspacePageQuery['workspace']>;

/** Members and roles; the owner changes roles and removes members. */
export function MembersSection({ workspace }: { workspace: Workspace }) {
  const viewer = useViewer();
  const refetch = { refetchQueries: [WorkspacePageDocument], awaitRefetchQueries: true };
  const [roleChange] = useMutation(WorkspaceMemberRoleChangeDocument, refetch);
  const [remove] = useMutation(WorkspaceMemberRemoveDocument, refetch);

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
          Members
        </Title>
        <MembersTable
          members={workspace.members}
          roles={WORKSPACE_ROLES}
          canManage={workspace.viewerRole === 'OWNER'}
          viewer={viewer}
          onRoleChange={onRoleChange}
          onRemove={onRemove}
        />
      </Stack>
    </Paper>
  );
}
