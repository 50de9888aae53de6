import { useMutation } from '@apollo/client/react';
import { type MemberRow, MembersTable, reportOutcome, useViewer } from '@hotlead/ui';
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
