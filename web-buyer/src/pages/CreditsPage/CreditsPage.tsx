import { useApolloClient, useQuery } from '@apollo/client/react';
import { isWorkspaceManager } from '@hotlead/domain';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { parsePurchaseResult } from '../../credits/purchaseReturn';
import { useLiveCreditBalance } from '../../credits/useLiveCreditBalance';
import { CreditPurchasesDocument, CreditsPageDocument, CreditTransactionsDocument } from '../../gql/graphql';
import { urls } from '../../urls';
import { AutoReloadSection } from './AutoReloadSection';
import { BalanceCard } from './BalanceCard';
import { PackagesSection } from './PackagesSection';
import { PurchaseResultAlert } from './PurchaseResultAlert';
import { PurchasesSection } from './PurchasesSection';
import { TransactionsSection } from './TransactionsSection';

/**
 * A buyer workspace's credits: the live balance and saved card, packages to buy (owners/admins),
 * auto-reload, purchases and the credit history. After a checkout, `?purchase=…&result=…` adds the
 * outcome of that purchase on top.
 */
export function CreditsPage() {
  const { workspaceId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(CreditsPageDocument, { variables: { workspaceId } });
  // Each movement of the balance may come with a new purchase or history line.
  useLiveCreditBalance(workspaceId, () => {
    void client.refetchQueries({ include: [CreditPurchasesDocument, CreditTransactionsDocument] });
  });

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const workspace = data.workspace;
  if (!workspace) {
    return <EmptyPanel title="Workspace not found" description="It may have been removed, or you are no longer a member." />;
  }
  if (workspace.kind !== 'BUYER') {
    return <EmptyPanel title="No credits here" description="Credits belong to buyer workspaces." />;
  }
  const manager = isWorkspaceManager(workspace.viewerRole);
  const purchaseParam = searchParams.get('purchase');

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Credits</Title>
          <Text c="dimmed" size="sm">
            {workspace.name} · every member can see the balance and history
          </Text>
        </div>
        <Button component={Link} to={urls.workspace(workspace.id)} variant="subtle">
          Back to workspace
        </Button>
      </Group>
      {purchaseParam && (
        <PurchaseResultAlert
          key={purchaseParam}
          purchaseParam={purchaseParam}
          result={parsePurchaseResult(searchParams.get('result'))}
          onDismiss={() => setSearchParams({}, { replace: true })}
        />
      )}
      <BalanceCard wallet={workspace.credits} />
      <PackagesSection workspaceId={workspace.id} packages={data.creditPackages} canBuy={manager} />
      <AutoReloadSection workspaceId={workspace.id} wallet={workspace.credits} packages={data.creditPackages} canEdit={manager} />
      <PurchasesSection workspaceId={workspace.id} canPay={manager} />
      <TransactionsSection workspaceId={workspace.id} />
    </Stack>
  );
}
