// Conversation events over a real WebSocket (graphql-ws): each event reaches exactly its parties —
// the provider workspace's members and the request's end user — and nobody subscribes to a
// workspace they are not a member of.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { buildNiche, buildProvider, buildRoutedRequest } from '../../../test/routing.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import { MEMBERSHIP_RECHECK_MS, recheckedEvery } from './conversations.resolver.js';

const INBOX_EVENTS = `subscription($ws: ID!) { providerInboxEvents(workspaceId: $ws) { kind requestId assignmentId threadId messageId } }`;
const MY_EVENTS = `subscription { myRequestEvents { kind requestId assignmentId threadId messageId } }`;

let app: TestApp;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await app?.stop();
});

function connect(token: string): Client {
  const client = createClient({
    url: app.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authToken: token },
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(client);
  return client;
}

function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: { data?: Record<string, { kind: string; threadId: string | null }> }[] = [];
  const errors: unknown[] = [];
  let completed = false;
  client.subscribe(
    { query, variables },
    {
      next: (v) => events.push(v as (typeof events)[number]),
      error: (e) => errors.push(e),
      complete: () => {
        completed = true;
      },
    },
  );
  return { events, errors, done: () => completed };
}

async function until(check: () => boolean, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('conversation events', () => {
  it('reach the provider workspace and the end user of the request, and nobody else', async () => {
    const niche = await buildNiche(app);
    const a = await buildProvider(app, { nicheIds: [niche.id] });
    const b = await buildProvider(app, { nicheIds: [niche.id] });
    const requestA = await buildRoutedRequest(app, a, { nicheId: niche.id });
    const requestB = await buildRoutedRequest(app, b, { nicheId: niche.id });
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });

    const salesA = collect(connect(a.sales.token), INBOX_EVENTS, { ws: toGlobalId('Workspace', a.workspace.id) });
    const managerB = collect(connect(b.manager.token), INBOX_EVENTS, { ws: toGlobalId('Workspace', b.workspace.id) });
    const userA = collect(connect(requestA.endUser.token), MY_EVENTS);
    const userB = collect(connect(requestB.endUser.token), MY_EVENTS);

    // Subscriptions are live once each has seen an event of its own (no fixed sleep can promise that).
    const ping = (r: typeof requestA, workspaceId: string) =>
      publishConversationEvent(
        app.api.platform.pubsub,
        { workspaceId, userId: r.endUser.user.id },
        {
          kind: 'ASSIGNMENT_UPDATED',
          requestId: r.request.id,
          assignmentId: r.assignment.id,
          threadId: null,
          messageId: null,
        },
      );
    await until(() => {
      ping(requestA, a.workspace.id);
      ping(requestB, b.workspace.id);
      return [salesA, managerB, userA, userB].every((s) => s.events.length > 0);
    }, 'every subscription to be live');
    await new Promise((r) => setTimeout(r, 200));
    for (const s of [salesA, managerB, userA, userB]) s.events.length = 0;

    // A real change on A's thread: an admin suspends it.
    const result = await app.execAs(admin.principal, `mutation($id: ID!) { adminThreadSuspend(id: $id, reason: "check") { status } }`, {
      id: toGlobalId('RelayThread', requestA.thread.id),
    });
    expect(result.errors).toBeUndefined();
    await until(() => salesA.events.length > 0 && userA.events.length > 0, "A's parties to hear of it");
    const expected = {
      kind: 'THREAD_UPDATED',
      requestId: toGlobalId('ServiceRequest', requestA.request.id),
      assignmentId: toGlobalId('RequestAssignment', requestA.assignment.id),
      threadId: toGlobalId('RelayThread', requestA.thread.id),
      messageId: null,
    };
    expect(salesA.events[0]!.data).toEqual({ providerInboxEvents: expected });
    expect(userA.events[0]!.data).toEqual({ myRequestEvents: expected });
    await new Promise((r) => setTimeout(r, 300));
    expect(managerB.events).toEqual([]);
    expect(userB.events).toEqual([]);
  });

  it("refuses a subscription to another workspace's inbox, and anonymous clients", async () => {
    const a = await buildProvider(app);
    const b = await buildProvider(app);
    const intruder = collect(connect(b.manager.token), INBOX_EVENTS, { ws: toGlobalId('Workspace', a.workspace.id) });
    await until(() => intruder.errors.length > 0 || intruder.events.length > 0 || intruder.done(), 'an answer');
    // Refused at subscribe time: an error result (NOT_FOUND), then nothing.
    const answer = JSON.stringify([...intruder.errors, ...intruder.events]);
    expect(answer).toContain('NOT_FOUND');
    publishConversationEvent(
      app.api.platform.pubsub,
      { workspaceId: a.workspace.id, userId: null },
      {
        kind: 'ASSIGNMENT_CREATED',
        requestId: a.workspace.id,
        assignmentId: a.workspace.id,
        threadId: null,
        messageId: null,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(intruder.events.filter((e) => e.data)).toEqual([]);

    const anonymous = createClient({
      url: app.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
    });
    clients.push(anonymous);
    const anon = collect(anonymous, MY_EVENTS);
    await until(() => anon.errors.length > 0 || anon.events.length > 0, 'an answer');
    expect(JSON.stringify([...anon.errors, ...anon.events])).toContain('UNAUTHENTICATED');
  });

  it('stop reaching a member removed from the workspace, within the recheck period', async () => {
    const niche = await buildNiche(app);
    const a = await buildProvider(app, { nicheIds: [niche.id] });
    const routed = await buildRoutedRequest(app, a, { nicheId: niche.id });
    const ws = toGlobalId('Workspace', a.workspace.id);
    const removed = collect(connect(a.sales.token), INBOX_EVENTS, { ws });
    const stays = collect(connect(a.manager.token), INBOX_EVENTS, { ws });
    const ping = () =>
      publishConversationEvent(
        app.api.platform.pubsub,
        { workspaceId: a.workspace.id, userId: null },
        { kind: 'ASSIGNMENT_UPDATED', requestId: routed.request.id, assignmentId: routed.assignment.id, threadId: null, messageId: null },
      );
    await until(() => {
      ping();
      return removed.events.length > 0 && stays.events.length > 0;
    }, 'both subscriptions to be live');

    await app.prisma.workspaceMembership.delete({
      where: { workspaceId_userId: { workspaceId: a.workspace.id, userId: a.sales.user.id } },
    });
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + MEMBERSHIP_RECHECK_MS + 1_000);
    try {
      await new Promise((r) => setTimeout(r, 200));
      removed.events.length = 0;
      stays.events.length = 0;
      await until(() => {
        ping();
        return stays.events.length >= 3;
      }, 'the remaining member to hear of it');
      await new Promise((r) => setTimeout(r, 300));
      expect(removed.events).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('trust a membership check for the recheck period only, and a failed check as "no"', async () => {
    let clock = 0;
    let member = true;
    const check = vi.fn(() => Promise.resolve(member));
    const stillMember = recheckedEvery(30_000, check, () => clock);
    expect(await stillMember()).toBe(true);
    member = false;
    clock = 29_999;
    expect(await stillMember()).toBe(true);
    expect(check).toHaveBeenCalledTimes(1);
    clock = 30_000;
    expect(await stillMember()).toBe(false);
    member = true;
    check.mockRejectedValueOnce(new Error('database down'));
    clock = 60_000;
    expect(await stillMember()).toBe(false);
    expect(check).toHaveBeenCalledTimes(3);
  });
});
