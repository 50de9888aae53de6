import { useQuery } from '@apollo/client/react';
import { formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { DevMailboxDocument, type DevMailboxQuery } from '../../gql/graphql';
import { urls } from '../../urls';
import { PAGE_SIZE } from '../pageSize';

type Message = DevMailboxQuery['devMailbox']['edges'][number]['node'];

const columns: Column<Message>[] = [
  {
    header: 'Subject',
    cell: (m) => (
      <Anchor component={Link} to={urls.devMailboxMessage(m.id)} size="sm">
        {m.subject || '(no subject)'}
      </Anchor>
    ),
  },
  { header: 'To', cell: (m) => m.to.join(', ') },
  { header: 'From', cell: (m) => m.from },
  { header: 'Received', cell: (m) => formatDateTime(m.receivedAt) },
];

/** Local mail mode: every email the platform sent, newest first. */
export function DevMailboxPage() {
  const [search, setSearch] = useSearchParam('q');
  const { data, error, refetch, fetchMore } = useQuery(DevMailboxDocument, {
    variables: { first: PAGE_SIZE, search: search || null },
  });
  const connection = data?.devMailbox;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Dev mailbox</Title>
        <Text c="dimmed" size="sm">
          Emails caught by the local mail server instead of being delivered.
        </Text>
      </div>
      <SearchField label="Search messages" placeholder="Search by recipient or subject" value={search} onSearch={setSearch} />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Messages"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={search ? `No messages match “${search}”` : 'The mailbox is empty'}
          emptyDescription={search ? undefined : 'Sign up or invite someone and the email will show up here.'}
        />
      )}
    </Stack>
  );
}
