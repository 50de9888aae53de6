import { mockOperation, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  InboxNewLeadDocument,
  ProviderInboxDocument,
  ProviderInboxEventsDocument,
  type ProviderInboxQueryVariables,
} from '../../gql/graphql';
import { buildInboxAssignment, buildMessage, minutesAgo, type InboxAssignmentFixture } from '../../test/conversationFixtures';
import { connection, providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

const member = signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'MEMBER')] });

// Waiting for the first message, within the SLA.
const waiting = buildInboxAssignment('as-1');
// Waiting for five hours: the SLA is missed.
const breached = buildInboxAssignment('as-2', {
  deliveredAt: minutesAgo(300),
  slaElapsedSeconds: 18_000,
  slaBreached: true,
  lead: { ...waiting.lead, requestId: 'req-as-2', name: 'Tom Lee', city: 'Oakland', flaggedBadAddress: true },
});
// Answered after 12 minutes; the person replied twice since, unread; our message was read.
const answered = buildInboxAssignment('as-3', {
  deliveredAt: minutesAgo(120),
  firstResponseAt: minutesAgo(108),
  slaElapsedSeconds: 720,
  outcome: 'CONVERTED',
  handledBy: 'Mario Rossi',
  lead: { ...waiting.lead, requestId: 'req-as-3', name: 'Ann Smith', city: 'Berkeley' },
  thread: {
    __typename: 'ProviderThread',
    id: 'thread-as-3',
    status: 'OPEN',
    unread: 2,
    lastMessageAt: minutesAgo(5),
    messages: [
      { ...buildMessage('m1', { status: 'DELIVERED', createdAt: minutesAgo(108) }) },
      { ...buildMessage('m2', { status: 'READ', createdAt: minutesAgo(60) }) },
      { ...buildMessage('m3', { mine: false, direction: 'USER_TO_PROVIDER', status: 'DELIVERED', createdAt: minutesAgo(5) }) },
    ].map(({ id, mine, status, createdAt, __typename }) => ({ __typename, id, mine, status, createdAt })),
  },
});

function rowOf(name: string) {
  return screen.getByRole('row', { name: new RegExp(name) });
}

describe('LeadInboxPage', () => {
  it('lists the leads with their SLA clock, conversation and delivery state', async () => {
    renderConsole('/provider/ws-prov/inbox', [
      ...member,
      mockOperation(ProviderInboxDocument, { providerInbox: connection('RequestAssignment', [waiting, breached, answered]) }),
    ]);

    const table = await screen.findByRole('table', { name: 'Leads' });
    expect(screen.getByText(/Fast Plumbers/)).toBeInTheDocument();

    const jane = within(table).getByRole('row', { name: /Jane Doe/ });
    expect(within(jane).getByRole('link', { name: 'Jane Doe' })).toHaveAttribute('href', '/provider/ws-prov/leads/as-1');
    expect(jane).toHaveTextContent('Plumbing');
    expect(jane).toHaveTextContent('San Francisco, CA 94103, US');
    expect(jane.querySelector('[data-sla]')).toHaveAttribute('data-sla', 'running');
    expect(jane.querySelector('[data-sla]')).toHaveTextContent(/^0:1\d:\d\d$/);
    expect(jane).toHaveTextContent('No messages yet');
    expect(jane).toHaveTextContent('Not written yet');

    const tom = rowOf('Tom Lee');
    expect(tom.querySelector('[data-sla]')).toHaveAttribute('data-sla', 'breached');
    expect(tom).toHaveTextContent(/5:0\d:\d\dSLA missed/);
    expect(tom).toHaveTextContent('Address bounced');

    const ann = rowOf('Ann Smith');
    expect(ann.querySelector('[data-sla]')).toHaveAttribute('data-sla', 'met');
    expect(ann).toHaveTextContent('Responded in 12 min');
    expect(within(ann).getByLabelText('2 unread')).toBeInTheDocument();
    // The last message we sent (m2) was read; the end user's later message does not count.
    expect(ann.querySelector('[data-delivery-status]')).toHaveAttribute('data-delivery-status', 'READ');
    expect(ann).toHaveTextContent('Read');
    expect(ann).toHaveTextContent('Outcome: Converted');
    expect(ann).toHaveTextContent('Mario Rossi');
  });

  it('keeps the filters in the URL and asks the API with them', async () => {
    const requests: ProviderInboxQueryVariables[] = [];
    const { user, router } = renderConsole('/provider/ws-prov/inbox', [
      ...member,
      mockOperation(ProviderInboxDocument, (variables) => {
        requests.push(variables);
        const rows = variables.filter?.slaBreached ? [breached] : [waiting, breached];
        return { providerInbox: connection('RequestAssignment', rows) };
      }),
    ]);

    await screen.findByRole('row', { name: /Jane Doe/ });
    expect(screen.getByRole('radio', { name: 'Open' })).toBeChecked();

    await user.click(screen.getByRole('switch', { name: 'SLA breached' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Jane Doe/ })).not.toBeInTheDocument());
    expect(router.state.location.search).toBe('?breached=1');

    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=ALL&breached=1'));
    await user.click(screen.getByRole('switch', { name: 'Unread' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=ALL&breached=1&unread=1'));

    await waitFor(() => expect(requests).toHaveLength(4));
    expect(requests.map((r) => r.filter)).toEqual([
      { status: 'OPEN' },
      { status: 'OPEN', slaBreached: true },
      { status: 'ALL', slaBreached: true },
      { status: 'ALL', slaBreached: true, unread: true },
    ]);
    expect(requests.every((r) => r.workspaceId === 'ws-prov' && r.first === 25)).toBe(true);
  });

  it('starts from the filters in the URL and says when nothing matches', async () => {
    const requests: ProviderInboxQueryVariables[] = [];
    renderConsole('/provider/ws-prov/inbox?status=DECLINED&unread=1', [
      ...member,
      mockOperation(ProviderInboxDocument, (variables) => {
        requests.push(variables);
        return { providerInbox: connection('RequestAssignment', []) };
      }),
    ]);
    expect(await screen.findByText('No leads match these filters')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Declined' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Unread' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'SLA breached' })).not.toBeChecked();
    expect(requests[0]?.filter).toEqual({ status: 'DECLINED', unread: true });
  });

  it('shows a new lead live and announces it', async () => {
    const socket = mockSubscriptions();
    let rows: InboxAssignmentFixture[] = [breached];
    const requests: ProviderInboxQueryVariables[] = [];
    renderConsole(
      '/provider/ws-prov/inbox',
      [
        ...member,
        socket.handler,
        mockOperation(ProviderInboxDocument, (variables) => {
          requests.push(variables);
          return { providerInbox: connection('RequestAssignment', rows) };
        }),
      ],
      { subscriptions: true },
    );

    await screen.findByRole('row', { name: /Tom Lee/ });
    expect(screen.queryByRole('row', { name: /Jane Doe/ })).not.toBeInTheDocument();
    await socket.waitForSubscription(ProviderInboxEventsDocument);

    rows = [waiting, breached];
    socket.emit(ProviderInboxEventsDocument, {
      providerInboxEvents: {
        __typename: 'ConversationEvent',
        kind: 'ASSIGNMENT_CREATED',
        requestId: 'req-as-1',
        assignmentId: 'as-1',
        threadId: null,
        messageId: null,
      },
    });

    expect(await screen.findByRole('row', { name: /Jane Doe/ })).toBeInTheDocument();
    expect(await screen.findByText('New lead: Plumbing in San Francisco')).toBeInTheDocument();
    expect(requests).toHaveLength(2);
  });

  it('announces a new lead the current filters hide, by asking for it', async () => {
    const socket = mockSubscriptions();
    renderConsole(
      '/provider/ws-prov/inbox?breached=1',
      [
        ...member,
        socket.handler,
        mockOperation(ProviderInboxDocument, { providerInbox: connection('RequestAssignment', [breached]) }),
        mockOperation(InboxNewLeadDocument, ({ id }) => ({
          providerAssignment: {
            __typename: 'RequestAssignment',
            id: String(id),
            lead: {
              __typename: 'ProviderLead',
              requestId: 'req-9',
              niche: { __typename: 'Niche', id: 'niche-roof', name: 'Roofing' },
              country: 'US',
              region: 'CA',
              city: null,
            },
          },
        })),
      ],
      { subscriptions: true },
    );

    await screen.findByRole('row', { name: /Tom Lee/ });
    await socket.waitForSubscription(ProviderInboxEventsDocument);
    socket.emit(ProviderInboxEventsDocument, {
      providerInboxEvents: {
        __typename: 'ConversationEvent',
        kind: 'ASSIGNMENT_CREATED',
        requestId: 'req-9',
        assignmentId: 'as-9',
        threadId: null,
        messageId: null,
      },
    });
    expect(await screen.findByText('New lead: Roofing in CA')).toBeInTheDocument();
  });

  it('pages with "Load more"', async () => {
    const requests: ProviderInboxQueryVariables[] = [];
    const { user } = renderConsole('/provider/ws-prov/inbox', [
      ...member,
      mockOperation(ProviderInboxDocument, (variables) => {
        requests.push(variables);
        return {
          providerInbox: variables.after
            ? connection('RequestAssignment', [answered], { totalCount: 2 })
            : connection('RequestAssignment', [waiting], { hasNextPage: true, totalCount: 2 }),
        };
      }),
    ]);
    await screen.findByRole('row', { name: /Jane Doe/ });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('row', { name: /Ann Smith/ })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Jane Doe/ })).toBeInTheDocument();
    expect(requests[1]).toEqual({ workspaceId: 'ws-prov', filter: { status: 'OPEN' }, first: 25, after: 'cursor-as-1' });
  });
});
