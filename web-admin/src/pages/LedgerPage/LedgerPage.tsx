import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDateTime, LoadMoreButton, notifyError, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { ActionIcon, Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { LedgerEntriesDocument } from '../../gql/graphql';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';
import { LEDGER_ENTRY_KINDS, parseLedgerKind } from './ledgerKinds';
import { PostingsTable } from './PostingsTable';

const numberFormat = new Intl.NumberFormat();

/** Every journal entry, newest first, filtered by kind or account; each opens to its postings. */
export function LedgerPage() {
  const [kindParam, setKind] = useSearchParam('kind');
  const [accountCode, setAccountCode] = useSearchParam('account');
  const kind = parseLedgerKind(kindParam);
  const { data, error, refetch, fetchMore } = useQuery(LedgerEntriesDocument, {
    variables: { first: PAGE_SIZE, kind, accountCode: accountCode || null },
    ...FRESH_ON_OPEN,
  });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState(false);
  const connection = data?.ledgerEntries;
  const entries = connection?.edges.map((e) => e.node);

  const toggle = (id: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } });
    } catch (err) {
      notifyError(err, 'Could not load more');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Ledger</Title>
        <Text c="dimmed" size="sm">
          Every journal entry, newest first. Open one to see its postings: they sum to zero per asset.
        </Text>
      </div>
      <Group align="flex-end">
        <Select
          label="Kind"
          placeholder="All kinds"
          clearable
          data={LEDGER_ENTRY_KINDS.map((k) => ({ value: k, label: k }))}
          value={kind}
          onChange={(value) => setKind(value ?? '')}
          w={280}
        />
        <SearchField label="Account code" placeholder="Account code, e.g. platform:revenue" value={accountCode} onSearch={setAccountCode} />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !connection || !entries ? (
        <TableSkeleton rows={8} />
      ) : entries.length === 0 ? (
        <EmptyPanel
          title={kind || accountCode ? 'No entries match these filters' : 'No ledger entries yet'}
          description={accountCode ? 'Account codes match exactly, e.g. platform:revenue.' : undefined}
        />
      ) : (
        <Stack gap="sm">
          {/* ledgerEntries has no real total (its totalCount is the page size), so only what is loaded is counted. */}
          <Text size="sm" c="dimmed">
            Showing the newest {numberFormat.format(entries.length)} {entries.length === 1 ? 'entry' : 'entries'}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Ledger entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} aria-label="Postings" />
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Postings</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => {
                  const open = expanded.has(entry.id);
                  return (
                    <Fragment key={entry.id}>
                      <Table.Tr>
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`${open ? 'Hide' : 'Show'} postings of ${entry.description}`}
                            aria-expanded={open}
                            onClick={() => toggle(entry.id)}
                          >
                            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                          </ActionIcon>
                        </Table.Td>
                        <Table.Td>{formatDateTime(entry.createdAt)}</Table.Td>
                        <Table.Td>
                          <Badge variant="light">{entry.kind}</Badge>
                        </Table.Td>
                        <Table.Td>{entry.description}</Table.Td>
                        <Table.Td ta="right">{entry.postings.length}</Table.Td>
                      </Table.Tr>
                      {open && (
                        <Table.Tr>
                          <Table.Td />
                          <Table.Td colSpan={4}>
                            <PostingsTable label={`Postings of ${entry.description}`} postings={entry.postings} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={() => void loadMore()} />
        </Stack>
      )}
    </Stack>
  );
}
