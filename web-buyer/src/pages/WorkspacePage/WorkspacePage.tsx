import { useQuery } from '@apollo/client/react';
import { isWorkspaceManager } from '@hotlead/domain';
import {
  EmptyPanel,
  formatDate,
  humanizeEnum,
  PageSkeleton,
  QueryErrorAlert,
  WorkspaceInvitationsSection,
  WorkspaceMembersSection,
} from '@hotlead/ui';
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { WorkspacePageDocument } from '../../gql/graphql';
import { urls } from '../../urls';
import { ApiKeysSection } from './ApiKeysSection';

/** A buyer workspace: its members, and for owners/admins its invitations and API keys. */
export function WorkspacePage() {
  const { workspaceId = '' } = useParams();
  const { data, error, refetch } = useQuery(WorkspacePageDocument, { variables: { id: workspaceId } });

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const workspace = data.workspace;
  if (!workspace) {
    return <EmptyPanel title="Workspace not found" description="It may have been removed, or you are no longer a member." />;
  }
  const manager = isWorkspaceManager(workspace.viewerRole);

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="sm">
            <Title order={2}>{workspace.name}</Title>
            {workspace.status === 'SUSPENDED' && <Badge color="red">Suspended</Badge>}
          </Group>
          <Text c="dimmed" size="sm">
            Created {formatDate(workspace.createdAt)}
            {workspace.viewerRole && ` · You are ${humanizeEnum(workspace.viewerRole).toLowerCase()}`}
          </Text>
        </div>
        {workspace.kind === 'BUYER' && (
          <Button component={Link} to={urls.workspaceCredits(workspace.id)} variant="light" leftSection={<IconCoins size={16} />}>
            Credits &amp; billing
          </Button>
        )}
      </Group>
      <WorkspaceMembersSection workspace={workspace} title="Members" refetchQuery={WorkspacePageDocument} />
      {manager && workspace.viewerRole && <WorkspaceInvitationsSection workspaceId={workspace.id} viewerRole={workspace.viewerRole} />}
      {manager && <ApiKeysSection workspaceId={workspace.id} />}
    </Stack>
  );
}
