import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  downloadFile,
  EmptyPanel,
  formatCredits,
  formatDateTime,
  LoadMoreButton,
  notifyError,
  QueryErrorAlert,
  TableSkeleton,
  useLoadMore,
} from '@hotlead/ui';
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { transactionKindLabel } from '../../credits/labels';
import { CreditTransactionsCsvDocument, CreditTransactionsDocument } from '../../gql/graphql';

/** Rows per page of the credit history. */
export const HISTORY_PAGE_SIZE = 25;

const numberFormat = new Intl.NumberFormat('en-US');

/** Every movement of the wallet, newest first, with "Load more" and the whole history as CSV. */
export function TransactionsSection({ workspaceId }: { workspaceId: string }) {
  const client = useApolloClient();
  const { data, error, refetch, fetchMore } = useQuery(CreditTransactionsDocument, {
    variables: { workspaceId, first: HISTORY_PAGE_SIZE },
  });
  const [downloading, setDownloading] = useState(false);
  const connection = data?.creditTransactions;
  const transactions = connection?.edges.map((e) => e.node);
  const { loading: loadingMore, loadMore } = useLoadMore(() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } }));

  const downloadCsv = async () => {
    setDownloading(true);
    try {
      const { data: csv } = await client.query({
        query: CreditTransactionsCsvDocument,
        variables: { workspaceId },
        fetchPolicy: 'no-cache',
      });
      if (csv) downloadFile(csv.creditTransactionsCsv);
    } catch (e) {
      notifyError(e, 'CSV not downloaded');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Paper>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Credit history
          </Title>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            loading={downloading}
            disabled={!transactions || transactions.length === 0}
            onClick={() => void downloadCsv()}
          >
            Download CSV
          </Button>
        </Group>
        {!transactions || !connection ? (
          error ? (
            <QueryErrorAlert error={error} onRetry={() => void refetch()} />
          ) : (
            <TableSkeleton rows={5} />
          )
        ) : transactions.length === 0 ? (
          <EmptyPanel
            title="No credit movements yet"
            description="Purchases, spends, refunds and bonuses will appear here."
            icon={<IconHistory size={28} />}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {connection.totalCountIsEstimate ? 'More than ' : ''}
              {numberFormat.format(connection.totalCount)} {connection.totalCount === 1 ? 'movement' : 'movements'} · showing{' '}
              {transactions.length}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label="Credit history" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Description</Table.Th>
                    <Table.Th ta="right">Credits</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {transactions.map((t) => {
                    const negative = t.credits.startsWith('-');
                    return (
                      <Table.Tr key={t.id}>
                        <Table.Td>{formatDateTime(t.occurredAt)}</Table.Td>
                        <Table.Td>{transactionKindLabel(t.kind)}</Table.Td>
                        <Table.Td>{t.description}</Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm" fw={600} c={negative ? 'red' : 'teal'}>
                            {negative ? '' : '+'}
                            {formatCredits(t.credits)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
