import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatCredits, humanizeEnum, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { CreditAdjustWorkspaceDocument } from '../../gql/graphql';
import { CreditAdjustForm } from './CreditAdjustForm';
import { CreditPurchasesSection } from './CreditPurchasesSection';
import { WorkspacePicker } from './WorkspacePicker';
import { FRESH_ON_OPEN } from '../fetchPolicies';

/** Manual credit grants and deductions for a buyer workspace, and refunds of its purchases. */
export function CreditAdjustPage() {
  const [workspaceId, setWorkspaceId] = useSearchParam('workspace');
  const { data, error, refetch } = useQuery(CreditAdjustWorkspaceDocument, {
    variables: { id: workspaceId },
    skip: !workspaceId,
    ...FRESH_ON_OPEN,
  });
  const workspace = workspaceId ? data?.workspace : null;

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Credit adjustments</Title>
        <Text c="dimmed" size="sm">
          Grant or deduct a buyer workspace&apos;s credits, with a reason, and refund its purchases. Every change is audited.
        </Text>
      </div>
      <WorkspacePicker value={workspace ? { id: workspace.id, name: workspace.name } : null} onChange={(id) => setWorkspaceId(id ?? '')} />
      {!workspaceId ? (
        <EmptyPanel
          title="Choose a workspace"
          description="Search for the buyer workspace whose credits you want to adjust."
          icon={<IconCoins size={28} />}
        />
      ) : error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <PageSkeleton />
      ) : !workspace ? (
        <EmptyPanel title="Workspace not found" description="It may have been deleted; search for another one." />
      ) : (
        <>
          <Paper>
            <Stack gap="md">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Group gap="xs">
                    <Title order={3} size="h4">
                      {workspace.name}
                    </Title>
                    <Badge variant="light" color={workspace.kind === 'PROVIDER' ? 'grape' : 'blue'}>
                      {humanizeEnum(workspace.kind)}
                    </Badge>
                    {workspace.status !== 'ACTIVE' && (
                      <Badge variant="light" color="red">
                        {humanizeEnum(workspace.status)}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {workspace.slug}
                  </Text>
                </div>
                <div role="group" aria-label="Current balance">
                  <Text size="xs" c="dimmed" tt="uppercase" fw={700} ta="right">
                    Current balance
                  </Text>
                  <Text fz="xl" fw={700} ta="right">
                    {formatCredits(workspace.credits.balance)} credits
                  </Text>
                </div>
              </Group>
              <CreditAdjustForm key={workspace.id} workspace={workspace} />
            </Stack>
          </Paper>
          <CreditPurchasesSection workspaceId={workspace.id} />
        </>
      )}
    </Stack>
  );
}
