// The parties' side of conversations against the real database: isolation between providers and
// between end users, what each side sees of a message, read markers, the inbox filters and paging,
// and the team view's numbers on a known dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { buildNiche, buildProvider, buildRoutedRequest } from '../../../test/routing.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { workspaceParty } from '../relay/relay.events.js';
import { FIRST_RESPONSE_SLA_SECONDS } from '../requests/requests.constants.js';
import { storeMessage } from './conversations.testing.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const HOUR = 3_600_000;
const wsId = (id: string) => toGlobalId('Workspace', id);
const threadGid = (id: string) => toGlobalId('RelayThread', id);

const INBOX = `query($ws: ID!, $filter: ProviderInboxFilter, $first: Int, $after: String) {
  providerInbox(workspaceId: $ws, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id status deliveredAt thread { id status unread relayAddress endUserRelayAddress
      messages { id direction mine text html redactions status } } }
  }
}`;
const ASSIGNMENT = `query($id: ID!) { providerAssignment(id: $id) { id thread { id unread messages { mine text status } } } }`;
const MY_THREAD = `query($id: ID!) { myThread(id: $id) { id status canReply unread providerRelayAddress messages { mine text html status } } }`;
const SEND = `mutation($input: ThreadMessageInput!) { threadMessageSend(input: $input) { id mine text status subject direction } }`;
const CLOSE = `mutation($id: ID!) { threadClose(id: $id) }`;

async function routed(options: { deliveredAt?: Date } = {}) {
  const niche = await buildNiche(app);
  const provider = await buildProvider(app, { nicheIds: [niche.id] });
  const request = await buildRoutedRequest(app, provider, { nicheId: niche.id, ...options });
  return { niche, provider, ...request };
}

describe('isolation', () => {
  it("keeps one provider's inbox, threads and messages away from another provider", async () => {
    const a = await routed();
    const other = await buildProvider(app);
    await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: a.provider.sales.user.id, text: 'Quote: $120' });

    const own = await app.execAs(a.provider.sales.principal, INBOX, { ws: wsId(a.provider.workspace.id) });
    expect(own.errors).toBeUndefined();
    expect((own.data?.providerInbox as { totalCount: number }).totalCount).toBe(1);

    // Another provider's member: not their workspace, not their assignment, not their thread.
    const intruder = other.manager.principal;
    expect(errorCodes(await app.execAs(intruder, INBOX, { ws: wsId(a.provider.workspace.id) }))).toEqual(['NOT_FOUND']);
    const opened = await app.execAs(intruder, ASSIGNMENT, { id: toGlobalId('RequestAssignment', a.assignment.id) });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.providerAssignment).toBeNull();
    const sent = await app.execAs(intruder, SEND, { input: { threadId: threadGid(a.thread.id), text: 'hi' } });
    expect(errorCodes(sent)).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.execAs(intruder, CLOSE, { id: threadGid(a.thread.id) }))).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await app.execAs(intruder, `query($ws: ID!) { providerTeamStats(workspaceId: $ws) { assignments } }`, {
          ws: wsId(a.provider.workspace.id),
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    // Nothing moved.
    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } });
    expect(thread.status).toBe('OPEN');
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(1);
  });

  it("keeps one end user's threads away from another end user and from providers' end-user views", async () => {
    const a = await routed();
    const b = await routed();
    const stranger = await buildSignedIn(app, { endUser: true });
    for (const principal of [b.endUser.principal, stranger.principal, a.provider.sales.principal]) {
      const result = await app.execAs(principal, MY_THREAD, { id: threadGid(a.thread.id) });
      expect(result.errors).toBeUndefined();
      expect(result.data?.myThread).toBeNull();
    }
    expect(errorCodes(await app.execAs(b.endUser.principal, SEND, { input: { threadId: threadGid(a.thread.id), text: 'hi' } }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await app.execAs(b.endUser.principal, CLOSE, { id: threadGid(a.thread.id) }))).toEqual(['NOT_FOUND']);
    const own = await app.execAs(a.endUser.principal, MY_THREAD, { id: threadGid(a.thread.id) });
    expect(own.data?.myThread).toMatchObject({ id: threadGid(a.thread.id), status: 'OPEN', canReply: false });
  });

  it('refuses anonymous callers and non-admins the admin fields', async () => {
    const person = await buildSignedIn(app);
    for (const query of [`{ adminThreads { totalCount } }`, `{ relaySettings { retentionDays } }`, `{ relayEvents { totalCount } }`]) {
      expect(errorCodes(await app.execAs(person.principal, query))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.execAs({ kind: 'anonymous' }, query))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await app.execAs({ kind: 'anonymous' }, INBOX, { ws: wsId(person.user.id) }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('what each side sees', () => {
  it('shows the sender what they wrote and the recipient the redacted copy, with sanitized HTML and the delivery status', async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, {
      direction: 'PROVIDER_TO_USER',
      senderUserId: a.provider.sales.user.id,
      text: 'Call me on 415-555-0199',
      html: '<p onclick="x()">Call me on 415-555-0199<script>alert(1)</script><img src="https://track.example/p.gif"></p>',
      redactedText: 'Call me on [phone removed]',
      redactedHtml: '<p>Call me on [phone removed]<script>alert(1)</script></p>',
      redactions: 1,
      status: 'READ',
      createdAt: new Date(Date.now() - 60_000),
    });
    await storeMessage(app, a.thread.id, {
      direction: 'USER_TO_PROVIDER',
      text: 'Mail me at casey@example.com',
      redactedText: 'Mail me at [email removed]',
      redactions: 1,
      status: 'DELIVERED',
    });

    const provider = await app.execAs(a.provider.manager.principal, INBOX, { ws: wsId(a.provider.workspace.id) });
    const messages = (provider.data?.providerInbox as { nodes: { thread: { messages: Record<string, unknown>[] } }[] }).nodes[0]!.thread
      .messages;
    expect(messages).toEqual([
      expect.objectContaining({
        direction: 'PROVIDER_TO_USER',
        mine: true,
        text: 'Call me on 415-555-0199',
        html: '<p>Call me on 415-555-0199</p>',
        status: 'READ',
      }),
      expect.objectContaining({ direction: 'USER_TO_PROVIDER', mine: false, text: 'Mail me at [email removed]', status: 'DELIVERED' }),
    ]);

    const user = await app.execAs(a.endUser.principal, MY_THREAD, { id: threadGid(a.thread.id) });
    expect(user.data?.myThread).toMatchObject({
      canReply: true,
      messages: [
        { mine: false, text: 'Call me on [phone removed]', html: '<p>Call me on [phone removed]</p>' },
        { mine: true, text: 'Mail me at casey@example.com' },
      ],
    });
    expect(JSON.stringify(user.data)).not.toContain('415-555-0199');
    expect((user.data?.myThread as { providerRelayAddress: string }).providerRelayAddress).toBe(
      `p-${a.thread.providerToken}@relay.hotlead.local`,
    );
  });
});

describe('subjects and attachment names', () => {
  it('show the recipient the subject and file names without the contacts typed into them; the writer sees them as written', async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, {
      direction: 'PROVIDER_TO_USER',
      senderUserId: a.provider.sales.user.id,
      subject: 'Quote - call 415-555-0199',
      attachment: { filename: 'quote for mike@plumbing.example.pdf', contentType: 'application/pdf' },
    });
    await storeMessage(app, a.thread.id, {
      direction: 'USER_TO_PROVIDER',
      subject: `Re: Quote - mail casey@example.com or p-${a.thread.providerToken}@relay.hotlead.local`,
      attachment: { filename: 'photo 415 555 0142.jpg', contentType: 'image/jpeg' },
    });
    const query = `query($id: ID!) { myThread(id: $id) { messages { mine subject attachments { filename } } } }`;
    const user = await app.execAs(a.endUser.principal, query, { id: threadGid(a.thread.id) });
    expect(user.data?.myThread).toEqual({
      messages: [
        { mine: false, subject: 'Quote - call [phone removed]', attachments: [{ filename: 'quote for [email removed].pdf' }] },
        {
          mine: true,
          subject: `Re: Quote - mail casey@example.com or p-${a.thread.providerToken}@relay.hotlead.local`,
          attachments: [{ filename: 'photo 415 555 0142.jpg' }],
        },
      ],
    });
    const provider = await app.execAs(
      a.provider.sales.principal,
      `query($id: ID!) { providerAssignment(id: $id) { thread { messages { mine subject attachments { filename } } } } }`,
      { id: toGlobalId('RequestAssignment', a.assignment.id) },
    );
    expect(provider.data?.providerAssignment).toEqual({
      thread: {
        messages: [
          { mine: true, subject: 'Quote - call 415-555-0199', attachments: [{ filename: 'quote for mike@plumbing.example.pdf' }] },
          {
            mine: false,
            // The relay's own addresses stay: they are how the parties reach each other.
            subject: `Re: Quote - mail [email removed] or p-${a.thread.providerToken}@relay.hotlead.local`,
            attachments: [{ filename: 'photo [phone removed].jpg' }],
          },
        ],
      },
    });
  });
});

describe("thread fields on the requests module's types", () => {
  it("shows the end user their thread on a matched provider, and never gives admins a party's view of bodies", async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: a.provider.sales.user.id, text: 'Hi!' });
    const mine = await app.execAs(
      a.endUser.principal,
      `{ myServiceRequests { matches { thread { id canReply messages { mine text } } } } }`,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myServiceRequests).toEqual([
      { matches: [{ thread: { id: threadGid(a.thread.id), canReply: true, messages: [{ mine: false, text: 'Hi!' }] } }] },
    ]);
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const asAdmin = await app.execAs(
      admin.principal,
      `{ adminServiceRequests(first: 100) { nodes { id assignments { id thread { id } } } } }`,
    );
    expect(asAdmin.errors).toBeUndefined();
    const nodes = (asAdmin.data?.adminServiceRequests as { nodes: { id: string; assignments: { thread: unknown }[] }[] }).nodes;
    const node = nodes.find((n) => n.id === toGlobalId('ServiceRequest', a.request.id));
    expect(node?.assignments).toEqual([{ id: toGlobalId('RequestAssignment', a.assignment.id), thread: null }]);
  });
});

describe('read markers', () => {
  it("opening an assignment clears the provider's unread count, marks the end user's messages read and tells the workspace", async () => {
    const a = await routed();
    await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: a.provider.sales.user.id, status: 'DELIVERED' });
    const reply = await storeMessage(app, a.thread.id, { direction: 'USER_TO_PROVIDER', status: 'DELIVERED' });
    await storeMessage(app, a.thread.id, { direction: 'USER_TO_PROVIDER', status: 'QUEUED' });
    expect((await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } })).unreadForProvider).toBe(2);

    const events = app.api.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, workspaceParty(a.provider.workspace.id));
    const heard: { kind: string; threadId: string | null; messageId: string | null }[] = [];
    const listening = (async () => {
      for await (const event of events) {
        heard.push(event);
        if (event.kind === 'THREAD_UPDATED') return;
      }
    })();
    const opened = await app.execAs(a.provider.sales.principal, ASSIGNMENT, { id: toGlobalId('RequestAssignment', a.assignment.id) });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.providerAssignment).toMatchObject({ thread: { unread: 0 } });
    await listening;
    // The read reply's new status, and the thread's counter.
    expect(heard).toEqual([
      expect.objectContaining({ kind: 'MESSAGE_STATUS', messageId: reply.id }),
      expect.objectContaining({ kind: 'THREAD_UPDATED', threadId: a.thread.id, assignmentId: a.assignment.id }),
    ]);

    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } });
    expect(thread.unreadForProvider).toBe(0);
    expect(thread.unreadForUser).toBe(1); // the other side's counter is untouched
    const deliveries = await app.prisma.relayDelivery.findMany({ where: { threadId: a.thread.id }, include: { message: true } });
    expect(deliveries.find((d) => d.messageId === reply.id)).toMatchObject({ status: 'READ' });
    // Not yet delivered stays as it is; the provider's own message is not "read" by the provider.
    expect(deliveries.filter((d) => d.status === 'QUEUED')).toHaveLength(1);
    expect(deliveries.find((d) => d.message.direction === 'PROVIDER_TO_USER')).toMatchObject({ status: 'DELIVERED' });
  });

  it("opening my thread clears the end user's unread count and records that the provider's first message was read", async () => {
    const a = await routed();
    const first = await storeMessage(app, a.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: a.provider.sales.user.id });
    const result = await app.execAs(a.endUser.principal, MY_THREAD, { id: threadGid(a.thread.id) });
    expect(result.data?.myThread).toMatchObject({ unread: 0, canReply: true });
    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: a.thread.id } });
    expect(thread.unreadForUser).toBe(0);
    expect(thread.providerFirstMessageReadAt).not.toBeNull();
    expect(await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: first.id } })).toMatchObject({ status: 'READ' });
  });
});

describe('inbox', () => {
  it('filters by status, SLA and unread, newest delivery first, a keyset page at a time', async () => {
    const niche = await buildNiche(app);
    const provider = await buildProvider(app, { nicheIds: [niche.id] });
    const now = Date.now();
    const late = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - 10 * HOUR) });
    const answeredLate = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - 9 * HOUR) });
    const answered = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - 2 * HOUR) });
    const fresh = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - 60_000) });
    const declined = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - 30_000) });
    await app.prisma.requestAssignment.update({
      where: { id: answeredLate.assignment.id },
      data: { firstResponseAt: new Date(now - 9 * HOUR + (FIRST_RESPONSE_SLA_SECONDS + 60) * 1000) },
    });
    await app.prisma.requestAssignment.update({ where: { id: answered.assignment.id }, data: { firstResponseAt: new Date(now - HOUR) } });
    await app.prisma.requestAssignment.update({ where: { id: declined.assignment.id }, data: { status: 'DECLINED' } });
    await app.prisma.relayThread.update({ where: { id: declined.thread.id }, data: { status: 'CLOSED' } });
    await storeMessage(app, answered.thread.id, { direction: 'USER_TO_PROVIDER' });

    const ids = async (filter: object | null, principal = provider.sales.principal) => {
      const result = await app.execAs(principal, INBOX, { ws: wsId(provider.workspace.id), filter });
      expect(result.errors).toBeUndefined();
      return (result.data?.providerInbox as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    };
    const gid = (r: { assignment: { id: string } }) => toGlobalId('RequestAssignment', r.assignment.id);

    expect(await ids(null)).toEqual([declined, fresh, answered, answeredLate, late].map(gid));
    expect(await ids({ status: 'OPEN' })).toEqual([fresh, answered, answeredLate, late].map(gid));
    expect(await ids({ status: 'DECLINED' })).toEqual([gid(declined)]);
    expect(await ids({ status: 'CLOSED' })).toEqual([]);
    expect(await ids({ status: 'REFUNDED' })).toEqual([]);
    expect(await ids({ slaBreached: true })).toEqual([answeredLate, late].map(gid));
    expect(await ids({ slaBreached: false })).toEqual([declined, fresh, answered].map(gid));
    expect(await ids({ unread: true })).toEqual([gid(answered)]);
    expect(await ids({ status: 'OPEN', slaBreached: false, unread: false })).toEqual([gid(fresh)]);

    // Paging: two, two, one; the cursor continues exactly where the last page ended.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const result = await app.execAs(provider.manager.principal, INBOX, { ws: wsId(provider.workspace.id), first: 2, after });
      const conn = result.data?.providerInbox as {
        totalCount: number;
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.nodes.map((n) => n.id));
      expect(conn.pageInfo.hasNextPage).toBe(page < 2);
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([declined, fresh, answered, answeredLate, late].map(gid));
    expect(errorCodes(await app.execAs(provider.manager.principal, INBOX, { ws: wsId(provider.workspace.id), after: 'bogus' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('answers a page of 50 with its threads and messages in a handful of statements', async () => {
    const niche = await buildNiche(app);
    const provider = await buildProvider(app, { nicheIds: [niche.id] });
    for (let i = 0; i < 12; i += 1) {
      const r = await buildRoutedRequest(app, provider, { nicheId: niche.id });
      await storeMessage(app, r.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: provider.sales.user.id });
    }
    const before = app.api.platform.database.statementCount();
    const result = await app.execAs(provider.sales.principal, INBOX, { ws: wsId(provider.workspace.id), first: 50 });
    const statements = app.api.platform.database.statementCount() - before;
    expect((result.data?.providerInbox as { nodes: unknown[] }).nodes).toHaveLength(12);
    // membership, page, count, assignments, threads, memberships (loader), messages (+ relations): constant, not per row.
    expect(statements).toBeLessThanOrEqual(12);
  });
});

describe('team stats', () => {
  it('computes per-member and workspace numbers over the period, for managers only', async () => {
    const niche = await buildNiche(app);
    const provider = await buildProvider(app, { nicheIds: [niche.id] });
    const now = Date.now();
    const manager = provider.manager.user.id;
    const sales = provider.sales.user.id;
    const build = async (deliveredHoursAgo: number, handledBy: string | null, respondedAfterSeconds: number | null) => {
      const r = await buildRoutedRequest(app, provider, { nicheId: niche.id, deliveredAt: new Date(now - deliveredHoursAgo * HOUR) });
      if (handledBy) {
        await app.prisma.requestAssignment.update({
          where: { id: r.assignment.id },
          data: { handledByUserId: handledBy, firstResponseAt: new Date(now - deliveredHoursAgo * HOUR + respondedAfterSeconds! * 1000) },
        });
      }
      return r;
    };
    // sales: three threads answered after 10 min, 1 h and 5 h (the last one late).
    const s1 = await build(20, sales, 600);
    const s2 = await build(20, sales, 3600);
    const s3 = await build(20, sales, 5 * 3600);
    // manager: one answered after 30 min.
    const m1 = await build(20, manager, 1800);
    // one never answered and past its SLA, one fresh; one older than the period (ignored).
    await build(10, null, null);
    await build(0.1, null, null);
    await build(24 * 40, sales, 60);
    // Messages: sales sent four (delivered, read, read, bounced), the manager two (delivered, still sending).
    await storeMessage(app, s1.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: sales, status: 'DELIVERED' });
    await storeMessage(app, s2.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: sales, status: 'READ' });
    await storeMessage(app, s3.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: sales, status: 'READ' });
    await storeMessage(app, s3.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: sales, status: 'NOT_DELIVERED' });
    await storeMessage(app, m1.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: manager, status: 'DELIVERED' });
    await storeMessage(app, m1.thread.id, { direction: 'PROVIDER_TO_USER', senderUserId: manager, status: 'SENDING' });
    // End-user messages are not the team's.
    await storeMessage(app, s1.thread.id, { direction: 'USER_TO_PROVIDER', status: 'READ' });

    const query = `query($ws: ID!, $days: Int) { providerTeamStats(workspaceId: $ws, days: $days) {
      assignments slaAdherence deliveredRate readRate bounceRate
      members { userId threads medianFirstResponseSeconds slaAdherence messagesSent deliveredRate readRate } } }`;
    const result = await app.execAs(provider.manager.principal, query, { ws: wsId(provider.workspace.id), days: 30 });
    expect(result.errors).toBeUndefined();
    const stats = result.data?.providerTeamStats as {
      assignments: number;
      slaAdherence: number;
      deliveredRate: number;
      readRate: number;
      bounceRate: number;
      members: { userId: string }[];
    };
    expect(stats.assignments).toBe(6);
    // Due: 4 answered + 1 unanswered past the SLA (the fresh one is not due yet); met: 3.
    expect(stats.slaAdherence).toBeCloseTo(3 / 5);
    // Settled provider messages: delivered 2, read 2, bounced 1 (the sending one is not settled).
    expect(stats.deliveredRate).toBeCloseTo(4 / 5);
    expect(stats.readRate).toBeCloseTo(2 / 4);
    expect(stats.bounceRate).toBeCloseTo(1 / 5);
    const byUser = new Map(stats.members.map((m) => [m.userId, m]));
    expect(byUser.get(toGlobalId('User', sales))).toEqual({
      userId: toGlobalId('User', sales),
      threads: 3,
      medianFirstResponseSeconds: 3600,
      slaAdherence: 2 / 3,
      messagesSent: 4,
      deliveredRate: 3 / 4,
      readRate: 2 / 3,
    });
    expect(byUser.get(toGlobalId('User', manager))).toEqual({
      userId: toGlobalId('User', manager),
      threads: 1,
      medianFirstResponseSeconds: 1800,
      slaAdherence: 1,
      messagesSent: 2,
      deliveredRate: 1,
      readRate: 0,
    });

    expect(errorCodes(await app.execAs(provider.sales.principal, query, { ws: wsId(provider.workspace.id) }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.execAs(provider.manager.principal, query, { ws: wsId(provider.workspace.id), days: 0 }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
