import { useQuery } from '@apollo/client/react';
import { isWorkspaceManager } from '@hotlead/domain';
import { EmptyPanel, PageSkeleton, QueryErrorAlert, WorkspaceInvitationsSection, WorkspaceMembersSection } from '@hotlead/ui';
import { Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { ProviderMembersPageDocument } from '../../gql/graphql';

/** The provider workspace's team, with invitations for managers. */
export function ProviderMembersPage() {
  const { workspaceId = '' } = useParams();
  const { data, error, refetch } = useQuery(ProviderMembersPageDocument, { variables: { id: workspaceId } });

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const workspace = data.workspace;
  if (!workspace) return <EmptyPanel title="Workspace not found" />;

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2}>Members</Title>
        <Text c="dimmed">{workspace.name}</Text>
      </div>
      <WorkspaceMembersSection
        workspace={workspace}
        title="Team"
        description="Owners and admins manage leads and the team; members work their assigned leads."
        refetchQuery={ProviderMembersPageDocument}
      />
      {isWorkspaceManager(workspace.viewerRole) && workspace.viewerRole && (
        <WorkspaceInvitationsSection workspaceId={workspace.id} viewerRole={workspace.viewerRole} />
      )}
    </Stack>
  );
}
