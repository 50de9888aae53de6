import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Badge, Group, SegmentedControl, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { AssignmentStatusBadge, DeliveryStatus, ThreadStatusBadge, UnreadBadge } from '../../components/Conversations/ConversationBadges';
import { formatLocation, INBOX_STATUS_LABELS, outcomeLabel } from '../../components/Conversations/conversationWords';
import { SlaTimer } from '../../components/Conversations/SlaTimer';
import { useNow } from '../../components/Conversations/useNow';
import {
  InboxNewLeadDocument,
  ProviderInboxDocument,
  ProviderInboxEventsDocument,
  type InboxAssignmentFieldsFragment,
  type InboxFilterStatus,
  type ProviderInboxFilter,
} from '../../gql/graphql';
import { useConsoleAccess } from '../../layouts/useConsoleAccess';
import { INBOX_STATUSES, parseInboxStatus, urls, type InboxFilters } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Assignment = InboxAssignmentFieldsFragment;

/** Events closer together than this are answered by one refetch of the inbox. */
export const INBOX_REFRESH_DELAY_MS = 150;

/** "Plumbing in San Francisco": what a new lead is, for its notification. */
export function newLeadText(lead: { niche: { name: string }; city?: string | null; region?: string | null; country: string }): string {
  return `New lead: ${lead.niche.name} in ${lead.city || lead.region || lead.country}`;
}

/** The last message the provider's side sent, whose delivery / read state the inbox shows. */
function lastSent(assignment: Assignment) {
  const mine = assignment.thread?.messages.filter((m) => m.mine) ?? [];
  return mine.reduce<(typeof mine)[number] | null>((last, m) => (!last || m.createdAt >= last.createdAt ? m : last), null);
}

function inboxFilters(params: URLSearchParams): { status: InboxFilterStatus; slaBreached: boolean; unread: boolean } {
  return {
    status: parseInboxStatus(params.get('status')) ?? 'OPEN',
    slaBreached: params.get('breached') === '1',
    unread: params.get('unread') === '1',
  };
}

function columnsAt(workspaceId: string, now: number): Column<Assignment>[] {
  return [
    {
      header: 'Lead',
      cell: (a) => (
        <Stack gap={2} align="flex-start">
          <Anchor component={Link} to={urls.providerLead(workspaceId, a.id)} size="sm" fw={500}>
            {a.lead.name}
          </Anchor>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {a.lead.niche.name}
            </Text>
            {a.lead.flaggedBadAddress && (
              <Tooltip label="The person's email address bounced: possibly a bad lead.">
                <Badge size="xs" color="orange" variant="light" leftSection={<IconAlertTriangle size={10} />}>
                  Address bounced
                </Badge>
              </Tooltip>
            )}
          </Group>
        </Stack>
      ),
    },
    { header: 'Location', cell: (a) => formatLocation(a.lead) },
    { header: 'Delivered', cell: (a) => formatDateTime(a.deliveredAt) },
    {
      header: 'First response',
      cell: (a) =>
        a.status === 'DECLINED' || a.status === 'REFUNDED' ? (
          '—'
        ) : (
          <SlaTimer deliveredAt={a.deliveredAt} firstResponseAt={a.firstResponseAt} slaBreached={a.slaBreached} now={now} />
        ),
    },
    {
      header: 'Conversation',
      cell: (a) =>
        a.thread ? (
          <Stack gap={2} align="flex-start">
            <Group gap={6}>
              <ThreadStatusBadge status={a.thread.status} />
              <UnreadBadge count={a.thread.unread} />
            </Group>
            <Text size="xs" c="dimmed">
              {a.thread.lastMessageAt ? `Last message ${formatDateTime(a.thread.lastMessageAt)}` : 'No messages yet'}
            </Text>
          </Stack>
        ) : (
          '—'
        ),
    },
    {
      header: 'Your last message',
      cell: (a) => {
        const message = lastSent(a);
        return message ? <DeliveryStatus status={message.status} /> : <Text size="xs">Not written yet</Text>;
      },
    },
    {
      header: 'Assignment',
      cell: (a) => (
        <Stack gap={2} align="flex-start">
          <AssignmentStatusBadge status={a.status} />
          {a.outcome && <Text size="xs">Outcome: {outcomeLabel(a.outcome)}</Text>}
          {a.handledBy && (
            <Text size="xs" c="dimmed">
              {a.handledBy}
            </Text>
          )}
        </Stack>
      ),
    },
  ];
}

/**
 * The provider's lead inbox: routed requests newest first with their SLA clock and conversation
 * state, filtered by status, missed SLA and unread (kept in the URL), kept live by the workspace's
 * conversation events.
 */
export function LeadInboxPage() {
  const { workspaceId = '' } = useParams();
  const { access } = useConsoleAccess();
  const workspace = access?.providerWorkspaces.find((w) => w.id === workspaceId);
  const [params, setParams] = useSearchParams();
  const filters = inboxFilters(params);
  const filter: ProviderInboxFilter = useMemo(
    () => ({
      status: filters.status,
      ...(filters.slaBreached ? { slaBreached: true } : {}),
      ...(filters.unread ? { unread: true } : {}),
    }),
    [filters.status, filters.slaBreached, filters.unread],
  );
  const { data, error, refetch, fetchMore } = useQuery(ProviderInboxDocument, {
    variables: { workspaceId, filter, first: PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.providerInbox;
  const nodes = connection?.edges.map((e) => e.node);
  const now = useNow(1000, nodes?.some((a) => !a.firstResponseAt) ?? false);
  const client = useApolloClient();

  const setFilters = (next: InboxFilters) => {
    const url = new URL(urls.providerInbox(workspaceId, { ...filters, ...next }), 'http://x');
    setParams(url.searchParams, { replace: true });
  };

  // Live: each event refetches the rows already loaded (coalesced); a new lead is announced.
  const latest = useRef({ refetch, loaded: nodes?.length ?? 0 });
  latest.current = { refetch, loaded: nodes?.length ?? 0 };
  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | null; newLeads: Set<string> }>({ timer: null, newLeads: new Set() });
  useEffect(() => {
    const state = pending.current;
    return () => {
      if (state.timer) clearTimeout(state.timer);
    };
  }, []);

  const announce = useCallback(
    async (assignmentId: string, rows: readonly Assignment[]) => {
      let lead: Parameters<typeof newLeadText>[0] | undefined = rows.find((a) => a.id === assignmentId)?.lead;
      if (!lead) {
        // Not under the current filters: ask for just what the notification says.
        const { data: one } = await client.query({
          query: InboxNewLeadDocument,
          variables: { id: assignmentId },
          fetchPolicy: 'network-only',
        });
        lead = one?.providerAssignment?.lead;
      }
      notifications.show({ color: 'blue', message: lead ? newLeadText(lead) : 'New lead' });
    },
    [client],
  );

  const refresh = useCallback(async () => {
    const state = pending.current;
    state.timer = null;
    const newLeads = [...state.newLeads];
    state.newLeads.clear();
    try {
      const result = await latest.current.refetch({ first: Math.max(PAGE_SIZE, latest.current.loaded) });
      const rows = result.data?.providerInbox.edges.map((e) => e.node) ?? [];
      await Promise.all(newLeads.map((id) => announce(id, rows)));
    } catch {
      // A failed refresh leaves the rows as they were; the next event or a reload tries again.
    }
  }, [announce]);

  useSubscription(ProviderInboxEventsDocument, {
    variables: { workspaceId },
    skip: !workspaceId,
    ignoreResults: true,
    onData: ({ data: event }) => {
      const payload = event.data?.providerInboxEvents;
      if (!payload) return;
      const state = pending.current;
      if (payload.kind === 'ASSIGNMENT_CREATED') state.newLeads.add(payload.assignmentId);
      state.timer ??= setTimeout(() => void refresh(), INBOX_REFRESH_DELAY_MS);
    },
  });

  const filtered = filters.status !== 'OPEN' || filters.slaBreached || filters.unread;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Lead inbox</Title>
        <Text c="dimmed" size="sm">
          {workspace ? `${workspace.name} · ` : ''}Requests routed to your team, newest first. Answer within the SLA: the clock runs from
          delivery to your first message.
        </Text>
      </div>
      <Group gap="lg" align="center">
        <SegmentedControl
          aria-label="Lead status"
          value={filters.status}
          onChange={(value) => setFilters({ status: parseInboxStatus(value) ?? 'OPEN' })}
          data={INBOX_STATUSES.map((s) => ({ value: s, label: INBOX_STATUS_LABELS[s] }))}
        />
        <Switch
          label="SLA breached"
          checked={filters.slaBreached}
          onChange={(event) => setFilters({ slaBreached: event.currentTarget.checked })}
        />
        <Switch label="Unread" checked={filters.unread} onChange={(event) => setFilters({ unread: event.currentTarget.checked })} />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Leads"
          columns={columnsAt(workspaceId, now)}
          nodes={nodes}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={filtered ? 'No leads match these filters' : 'No leads yet'}
          emptyDescription={
            filtered ? undefined : 'Consumer requests routed to your team appear here as they arrive, with their SLA and conversation.'
          }
        />
      )}
    </Stack>
  );
}
