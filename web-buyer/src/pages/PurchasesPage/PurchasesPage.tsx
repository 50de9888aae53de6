import { useQuery } from '@apollo/client/react';
import {
  EmptyPanel,
  formatCredits,
  formatDate,
  formatDateTime,
  formatUsd,
  LoadMoreButton,
  notifyError,
  QueryErrorAlert,
  TableSkeleton,
} from '@hotlead/ui';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LeadPurchasesDocument, type LeadExportMode } from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';
import { urls } from '../../urls';

/** Rows per page of the purchase history. */
export const PURCHASES_PAGE_SIZE = 25;

export const EXPORT_MODE_LABELS: Record<LeadExportMode, string> = {
  VALID_ONLY: 'Valid emails only',
  VALID_AND_CATCH_ALL: 'Valid + catch-all',
};

/** The workspace's lead purchases, newest first, with "Load more". */
export function PurchasesPage() {
  const { workspaceId = '' } = useParams();
  const { data, error, refetch, fetchMore } = useQuery(LeadPurchasesDocument, {
    variables: { workspaceId, first: PURCHASES_PAGE_SIZE },
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const connection = data?.leadPurchases;
  const purchases = connection?.edges.map((e) => e.node);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } });
    } catch (e) {
      notifyError(e, 'Could not load more');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Purchases</Title>
          <Text c="dimmed" size="sm">
            Leads your workspace bought with credits.
          </Text>
        </div>
        <Button component={Link} to={urls.marketplace(workspaceId)} variant="subtle">
          Go to the marketplace
        </Button>
      </Group>
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
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Lead purchases" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th ta="right">Leads</Table.Th>
                    <Table.Th ta="right">USD</Table.Th>
                    <Table.Th ta="right">Credits</Table.Th>
                    <Table.Th>Export</Table.Th>
                    <Table.Th>Downloadable until</Table.Th>
                    <Table.Th>CSV</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {purchases.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{formatDateTime(p.completedAt ?? p.createdAt)}</Text>
                          {p.status === 'FAILED' && (
                            <Badge size="xs" color="red" variant="light">
                              Failed
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(p.leadCount)}</Table.Td>
                      <Table.Td ta="right">{formatUsd(p.totalUsd)}</Table.Td>
                      <Table.Td ta="right">{formatCredits(p.credits)}</Table.Td>
                      <Table.Td>{EXPORT_MODE_LABELS[p.exportMode]}</Table.Td>
                      <Table.Td>{formatDate(p.downloadableUntil)}</Table.Td>
                      <Table.Td>
                        {p.status === 'COMPLETED' && (!p.downloadableUntil || new Date(p.downloadableUntil) > new Date()) ? (
                          <Button component="a" href={p.downloadUrl} download size="compact-xs" variant="light">
                            Download CSV
                          </Button>
                        ) : (
                          <Text size="xs" c="dimmed">
                            Expired
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={() => void loadMore()} />
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
