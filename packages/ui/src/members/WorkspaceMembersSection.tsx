import { useMutation } from '@apollo/client/react';
import { WORKSPACE_ROLES } from '@hotlead/domain';
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { DocumentNode } from '@apollo/client';
import { useViewer } from '../auth/ViewerContext';
import { reportOutcome } from '../feedback/notify';
import { WorkspaceMemberRemoveDocument, WorkspaceMemberRoleChangeDocument, type WorkspaceRole } from '../gql/graphql';
import { MembersTable, type MemberRow } from './MembersTable';

export interface WorkspaceMembersSectionProps {
  workspace: { name: string; viewerRole?: WorkspaceRole | null; members: readonly MemberRow<WorkspaceRole>[] };
  title: string;
  description?: string;
  /** The page query that lists the members, refetched after a change. */
  refetchQuery: DocumentNode;
}

/** A workspace's members and roles (buyer or provider); the owner changes roles and removes members. */
export function WorkspaceMembersSection({ workspace, title, description, refetchQuery }: WorkspaceMembersSectionProps) {
  const viewer = useViewer();
  const refetch = { refetchQueries: [refetchQuery], awaitRefetchQueries: true };
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
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
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
