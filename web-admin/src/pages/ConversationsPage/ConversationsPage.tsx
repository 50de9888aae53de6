import { useQuery } from '@apollo/client/react';
import { formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Group, Loader, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { ThreadStatusBadge } from '../../components/Conversations/ConversationBadges';
import { threadStatusLook } from '../../components/Conversations/conversationWords';
import { formatCount } from '../../components/Supply/supplyWords';
import {
  AdminThreadsDocument,
  ConversationProviderDocument,
  ConversationProviderSearchDocument,
  type AdminThreadFilter,
  type AdminThreadsQuery,
  type RelayThreadStatus,
} from '../../gql/graphql';
import { parseRelayThreadStatus, RELAY_THREAD_STATUSES, urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Thread = AdminThreadsQuery['adminThreads']['edges'][number]['node'];

const columns: Column<Thread>[] = [
  {
    header: 'Provider',
    cell: (t) => (
      <Anchor component={Link} to={urls.conversation(t.id)} size="sm" fw={500}>
        {t.providerName}
      </Anchor>
    ),
  },
  { header: 'End user', cell: (t) => t.endUserName },
  { header: 'Niche', cell: (t) => t.niche.name },
  { header: 'Status', cell: (t) => <ThreadStatusBadge status={t.status} /> },
  { header: 'Messages', cell: (t) => formatCount(t.messageCount) },
  { header: 'Last message', cell: (t) => (t.lastMessageAt ? formatDateTime(t.lastMessageAt) : 'None yet') },
];

/** Picks a provider workspace through `adminWorkspaces` (the API searches); the chosen one is shown by its name. */
function ProviderPicker({ value, onChange }: { value: string | null; onChange: (workspaceId: string | null) => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const { data: chosen } = useQuery(ConversationProviderDocument, { variables: { id: value ?? '' }, skip: !value });
  const chosenName = chosen?.workspace?.name;
  const query = chosenName && debounced === chosenName ? '' : debounced;
  const { data, loading } = useQuery(ConversationProviderSearchDocument, { variables: { search: query || null, first: 20 } });
  const options = (data?.adminWorkspaces.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.status === 'ACTIVE' ? node.name : `${node.name} (${node.status.toLowerCase()})`,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosenName ?? 'Selected provider' });

  return (
    <Select
      aria-label="Provider"
      placeholder="All providers"
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? 'Searching…' : 'No provider workspace matches'}
      leftSection={<IconSearch size={16} />}
      rightSection={loading ? <Loader size="xs" /> : undefined}
      w={300}
    />
  );
}

/** Every relay thread with its provider, end user and volume; bounced threads on demand. */
export function ConversationsPage() {
  const [params, setParams] = useSearchParams();
  const status = parseRelayThreadStatus(params.get('status'));
  const bounced = params.get('bounced') === '1';
  const provider = params.get('provider') || null;
  const filter: AdminThreadFilter = useMemo(
    () => ({
      ...(status ? { status } : {}),
      ...(bounced ? { bounced: true } : {}),
      ...(provider ? { workspaceId: provider } : {}),
    }),
    [status, bounced, provider],
  );
  const { data, error, refetch, fetchMore } = useQuery(AdminThreadsDocument, { variables: { filter, first: PAGE_SIZE }, ...FRESH_ON_OPEN });
  const connection = data?.adminThreads;

  const setFilters = (next: { status?: RelayThreadStatus | null; bounced?: boolean; provider?: string | null }) => {
    const url = new URL(urls.conversations({ status, bounced, provider, ...next }), 'http://x');
    setParams(url.searchParams, { replace: true });
  };
  const filtered = !!status || bounced || !!provider;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Conversations</Title>
        <Text c="dimmed" size="sm">
          Every masked thread between a provider and an end user. Open one for delivery diagnostics; reading a message body is audited.
        </Text>
      </div>
      <Group gap="lg" align="center">
        <SegmentedControl
          aria-label="Thread status"
          value={status ?? 'ALL'}
          onChange={(value) => setFilters({ status: parseRelayThreadStatus(value) })}
          data={[{ value: 'ALL', label: 'All' }, ...RELAY_THREAD_STATUSES.map((s) => ({ value: s, label: threadStatusLook(s).label }))]}
        />
        <Switch label="Bounced only" checked={bounced} onChange={(e) => setFilters({ bounced: e.currentTarget.checked })} />
        <ProviderPicker value={provider} onChange={(id) => setFilters({ provider: id })} />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Conversations"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={filtered ? 'No conversations match these filters' : 'No conversations yet'}
          emptyDescription={filtered ? undefined : 'Threads appear here once requests are routed to providers.'}
        />
      )}
    </Stack>
  );
}
