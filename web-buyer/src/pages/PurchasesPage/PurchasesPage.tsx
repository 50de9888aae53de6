import { useQuery } from '@apollo/client/react';
import {
  EmptyPanel,
  formatCredits,
  formatDate,
  formatDateTime,
  formatUsd,
  LoadMoreButton,
  QueryErrorAlert,
  TableSkeleton,
  useLoadMore,
} from '@hotlead/ui';
import { Button, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { LeadPurchasesDocument, type LeadPurchaseFieldsFragment } from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';
import { EXPORT_MODE_LABELS } from '../../purchases/labels';
import { canRefreshExport, DownloadCsv, FreshExportButton, PurchaseStatusCell } from '../../purchases/PurchaseParts';
import { isSettling, usePurchaseCompleted, usePurchasePolling } from '../../purchases/usePurchaseUpdates';
import { urls } from '../../urls';
import { ReportsSection } from './ReportsSection';

/** Rows per page of the purchase history. */
export const PURCHASES_PAGE_SIZE = 25;

/** While a listed purchase waits for its card or its CSV, it is asked about this often. */
export const LIST_POLL_INTERVAL_MS = 5_000;

type Tab = 'purchases' | 'reports';

/** The workspace's lead purchases (newest first, with "Load more") and its bad-lead reports. */
export function PurchasesPage() {
  const { workspaceId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: Tab = searchParams.get('tab') === 'reports' ? 'reports' : 'purchases';
  // Completions, failures and ready CSVs are written over the cached purchases as they happen.
  usePurchaseCompleted(workspaceId);

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Purchases</Title>
          <Text c="dimmed" size="sm">
            Leads your workspace bought, their CSV exports, and the problems you reported.
          </Text>
        </div>
        <Button component={Link} to={urls.marketplace(workspaceId)} variant="subtle">
          Go to the marketplace
        </Button>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => setSearchParams(value === 'reports' ? { tab: 'reports' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="purchases">Purchases</Tabs.Tab>
          <Tabs.Tab value="reports">Reports</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="purchases">
          <PurchasesSection workspaceId={workspaceId} />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <ReportsSection workspaceId={workspaceId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PurchasesSection({ workspaceId }: { workspaceId: string }) {
  const { data, error, refetch, fetchMore } = useQuery(LeadPurchasesDocument, {
    variables: { workspaceId, first: PURCHASES_PAGE_SIZE },
  });
  const connection = data?.leadPurchases;
  const purchases = connection?.edges.map((e) => e.node);
  const { loading: loadingMore, loadMore } = useLoadMore(() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } }));

  return (
    <Paper>
      {!purchases || !connection ? (
        error ? (
          <QueryErrorAlert error={error} onRetry={() => void refetch()} />
        ) : (
          <TableSkeleton rows={5} />
        )
      ) : purchases.length === 0 ? (
        <EmptyPanel
          title="No purchases yet"
          description="Leads you buy from the marketplace will be listed here."
          icon={<IconReceipt size={28} />}
          action={
            <Button component={Link} to={urls.marketplace(workspaceId)}>
              Browse the marketplace
            </Button>
          }
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {connection.totalCountIsEstimate ? 'More than ' : ''}
            {formatCount(connection.totalCount)} {connection.totalCount === 1 ? 'purchase' : 'purchases'} · showing {purchases.length}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="Lead purchases" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Leads</Table.Th>
                  <Table.Th ta="right">USD</Table.Th>
                  <Table.Th ta="right">Credits</Table.Th>
                  <Table.Th>Export</Table.Th>
                  <Table.Th>Downloadable until</Table.Th>
                  <Table.Th>CSV</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {purchases.map((p) => (
                  <PurchaseRow key={p.id} workspaceId={workspaceId} purchase={p} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
        </Stack>
      )}
    </Paper>
  );
}

function PurchaseRow({ workspaceId, purchase: p }: { workspaceId: string; purchase: LeadPurchaseFieldsFragment }) {
  usePurchasePolling(p.id, isSettling(p), LIST_POLL_INTERVAL_MS);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{formatDateTime(p.completedAt ?? p.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <PurchaseStatusCell purchase={p} />
      </Table.Td>
      <Table.Td ta="right">{formatCount(p.leadCount)}</Table.Td>
      <Table.Td ta="right">{formatUsd(p.totalUsd)}</Table.Td>
      <Table.Td ta="right">{formatCredits(p.credits)}</Table.Td>
      <Table.Td>{EXPORT_MODE_LABELS[p.exportMode]}</Table.Td>
      <Table.Td>{formatDate(p.downloadableUntil)}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <DownloadCsv purchase={p} />
          {canRefreshExport(p) && <FreshExportButton purchase={p} />}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        <Button
          component={Link}
          to={urls.purchase(workspaceId, p.id)}
          size="compact-xs"
          variant="subtle"
          aria-label={`Details of the purchase of ${formatDateTime(p.completedAt ?? p.createdAt)}`}
        >
          Details
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
