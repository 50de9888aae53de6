// Routing against a real database: ranking and targeting, caps (also under concurrent routing),
// credits charged on delivery and given back exactly once (decline, unread first message, upheld
// dispute), the time limits, retries until UNROUTABLE, outcomes, provider profiles and tenant
// isolation. The ledger is checked after every test.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import { eventually, errorCodes, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';
import { buildConfirmedRequest, buildNiche, buildProvider, buildRoutedRequest } from '../../../test/routing.js';
import { workspaceParty } from '../relay/relay.events.js';
import { requireThreadClosedWithAssignment } from './requests.testing.js';
import { deliverRequest } from './routing.service.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(async () => {
  vi.restoreAllMocks();
  await expectLedgerSound(app);
});

const routing = () => app.api.services.routing;
const HOUR = 3_600_000;

type ProviderOptions = Parameters<typeof buildProvider>[1] & {
  regions?: string[];
  postalPrefixes?: string[];
  sicCodes?: string[];
  capPerDay?: number | null;
  capPerWeek?: number | null;
  capPerMonth?: number | null;
};

/** A provider (manager OWNER, sales MEMBER) with a profile for the niche and credits. */
async function provider(nicheId: string | null, options: ProviderOptions = {}) {
  const p = await buildProvider(app, { nicheIds: nicheId ? [nicheId] : [], credits: '100', ...options });
  await app.prisma.providerProfile.update({
    where: { workspaceId: p.workspace.id },
    data: {
      regions: options.regions ?? [],
      postalPrefixes: options.postalPrefixes ?? [],
      sicCodes: options.sicCodes ?? [],
      capPerDay: options.capPerDay ?? null,
      capPerWeek: options.capPerWeek ?? null,
      capPerMonth: options.capPerMonth ?? null,
    },
  });
  return p;
}

const balance = (workspaceId: string) => app.api.services.credits.balance(workspaceId);

async function assignmentsOf(requestId: string) {
  return app.prisma.requestAssignment.findMany({ where: { requestId }, orderBy: { rank: 'asc' }, include: { thread: true } });
}

async function decisionsOf(requestId: string) {
  return app.prisma.auditLogEntry.findMany({ where: { action: 'routing.decided', targetId: requestId }, orderBy: { id: 'asc' } });
}

const DECLINE = `mutation($id: ID!, $reason: String!) { assignmentDecline(id: $id, reason: $reason) { id status declinableUntil refundedAt refundReason } }`;
const DISPUTE = `mutation($id: ID!, $reason: DisputeReason!, $note: String!) {
  assignmentDispute(id: $id, reason: $reason, note: $note) { id disputableUntil dispute { id status reason note } } }`;
const RESOLVE = `mutation($id: ID!, $uphold: Boolean!, $note: String!) { assignmentDisputeResolve(id: $id, uphold: $uphold, note: $note) { id status resolutionNote resolvedAt } }`;
const OUTCOME = `mutation($id: ID!, $outcome: AssignmentOutcome!, $reason: String) {
  assignmentOutcomeReport(id: $id, outcome: $outcome, reason: $reason) { id outcome outcomeReason outcomeAt } }`;

function reasonOf(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0]?.extensions?.['reason'];
}

/** A request routed through the routing service to a single matching provider (charged). */
async function routedToOne(options: { price?: string; credits?: string } = {}) {
  const niche = await buildNiche(app, { defaultPrice: options.price ?? '25' });
  const p = await provider(niche.id, { credits: options.credits ?? '100' });
  const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
  const result = await routing().route(request.id, 'CONFIRMED');
  expect(result.status).toBe('ROUTED');
  const [assignment] = await assignmentsOf(request.id);
  return { niche, p, request, endUser: endUser!, assignment: assignment!, gid: toGlobalId('RequestAssignment', assignment!.id) };
}

describe('ranking and delivery', () => {
  it('delivers to the best 3 by fit × response × disputes, charges each and audits every candidate', async () => {
    const sic = `9${randomBytes(2).readUInt16BE() % 1000}`.padEnd(4, '0');
    const niche = await buildNiche(app, { sicCodes: [sic] });
    const other = await buildNiche(app);
    const fast = await provider(niche.id); // 1.0 × 1.0 (answers within the hour) × 1.0
    const history = await buildRoutedRequest(app, fast, { nicheId: other.id, deliveredAt: new Date(Date.now() - 10 * 24 * HOUR) });
    await app.prisma.requestAssignment.update({
      where: { id: history.assignment.id },
      data: { firstResponseAt: new Date(Date.now() - 10 * 24 * HOUR + 30 * 60_000) },
    });
    const regional = await provider(niche.id, { regions: ['ca'] }); // 1.1 × 0.9
    const plain = await provider(niche.id); // 1.0 × 0.9
    const bySic = await provider(null, { sicCodes: [sic] }); // 0.8 × 0.9
    const disputed = await provider(niche.id, { regions: ['CA'] }); // 1.1 × 0.9 × 0.5
    const disputedPast = await buildRoutedRequest(app, disputed, { nicheId: other.id, deliveredAt: new Date(Date.now() - 5 * 24 * HOUR) });
    await app.prisma.assignmentDispute.create({
      data: {
        assignmentId: disputedPast.assignment.id,
        workspaceId: disputed.workspace.id,
        reason: 'FAKE',
        note: 'fake lead',
        status: 'UPHELD',
      },
    });
    const german = await provider(niche.id, { countries: ['DE'] });
    const newYork = await provider(niche.id, { regions: ['NY'] });
    const elsewhere = await provider(niche.id, { postalPrefixes: ['100'] });
    const poor = await provider(niche.id, { credits: '10' });

    const { request } = await buildConfirmedRequest(app, niche.id, { endUser: true });
    const before = await balance(regional.workspace.id);
    const result = await routing().route(request.id, 'CONFIRMED');

    expect(result.status).toBe('ROUTED');
    const assignments = await assignmentsOf(request.id);
    expect(assignments.map((a) => [a.workspaceId, a.rank, a.score.toString()])).toEqual([
      [fast.workspace.id, 1, '1'],
      [regional.workspace.id, 2, '0.99'],
      [plain.workspace.id, 3, '0.9'],
    ]);
    for (const a of assignments) {
      expect(a.status).toBe('ACTIVE');
      expect(a.chargeEntryId).not.toBeNull();
      expect(a.thread).toMatchObject({ status: 'OPEN', requestId: request.id, workspaceId: a.workspaceId });
      expect(a.thread!.userToken).toMatch(/^[a-z2-7]{32}$/);
      expect(a.thread!.providerToken).not.toBe(a.thread!.userToken);
    }
    expect(await balance(regional.workspace.id)).toBe((Number(before) - 25).toFixed(4));
    expect(await balance(bySic.workspace.id)).toBe('100.0000');
    expect(await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: 'ROUTED',
      routingAttempts: 1,
      nextRoutingAt: null,
    });

    const [decision] = await decisionsOf(request.id);
    const details = decision!.details as {
      chosen: string[];
      candidates: { workspaceId: string; outcome: string; reason: string | null; score: number | null }[];
    };
    expect(details.chosen).toEqual([fast.workspace.id, regional.workspace.id, plain.workspace.id]);
    const why = Object.fromEntries(details.candidates.map((c) => [c.workspaceId, [c.outcome, c.reason, c.score]]));
    expect(why).toMatchObject({
      [bySic.workspace.id]: ['skipped', 'enough providers already', 0.72],
      [disputed.workspace.id]: ['skipped', 'enough providers already', 0.495],
      [german.workspace.id]: ['skipped', 'country not served', null],
      [newYork.workspace.id]: ['skipped', 'region not served', null],
      [elsewhere.workspace.id]: ['skipped', 'postal code not served', null],
      [poor.workspace.id]: ['skipped', 'insufficient credits', null],
    });
    // No personal data in the decision: ids and numbers only.
    const text = JSON.stringify(decision!.details);
    expect(text).not.toMatch(/Robin|@example|94110|\+1415/);
    expect(
      await app.prisma.auditLogEntry.count({
        where: { action: 'routing.delivered', details: { path: ['requestId'], equals: request.id } },
      }),
    ).toBe(3);
  });

  it('respects the daily cap; a request nobody can take waits for the hourly retry', async () => {
    const niche = await buildNiche(app);
    const p = await provider(niche.id, { capPerDay: 1 });
    const first = await buildConfirmedRequest(app, niche.id);
    const second = await buildConfirmedRequest(app, niche.id);
    expect((await routing().route(first.request.id, 'CONFIRMED')).status).toBe('ROUTED');
    const started = Date.now();
    expect(await routing().route(second.request.id, 'CONFIRMED')).toEqual({ status: 'ROUTING', delivered: [] });
    const waiting = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: second.request.id } });
    expect(waiting.routingAttempts).toBe(1);
    expect(Math.abs(waiting.nextRoutingAt!.getTime() - (started + HOUR))).toBeLessThan(10_000);
    const [decision] = await decisionsOf(second.request.id);
    expect(decision!.details).toMatchObject({
      result: 'ROUTING',
      candidates: [{ workspaceId: p.workspace.id, reason: 'daily cap reached' }],
    });

    const profile = await app.execAs(
      p.sales.principal,
      `query($w: ID!) { providerProfile(workspaceId: $w) { capPerDay deliveredToday deliveredThisWeek deliveredThisMonth } }`,
      {
        w: toGlobalId('Workspace', p.workspace.id),
      },
    );
    expect(profile.data?.['providerProfile']).toEqual({ capPerDay: 1, deliveredToday: 1, deliveredThisWeek: 1, deliveredThisMonth: 1 });
  });

  it('never exceeds a cap of 1 under two concurrent routings', async () => {
    const niche = await buildNiche(app);
    const p = await provider(niche.id, { capPerDay: 1 });
    const requests = await Promise.all([1, 2, 3].map(() => buildConfirmedRequest(app, niche.id)));
    const results = await Promise.all(requests.map((r) => routing().route(r.request.id, 'CONFIRMED')));
    expect(results.map((r) => r.status).sort()).toEqual(['ROUTED', 'ROUTING', 'ROUTING']);
    expect(await app.prisma.requestAssignment.count({ where: { workspaceId: p.workspace.id } })).toBe(1);
    expect(await balance(p.workspace.id)).toBe('75.0000');
  });

  it('skips a provider that cannot pay at delivery time, without an error and without a partial delivery', async () => {
    const niche = await buildNiche(app);
    const p = await provider(niche.id, { credits: '25' }); // enough for exactly one lead
    const requests = await Promise.all([1, 2].map(() => buildConfirmedRequest(app, niche.id)));
    const results = await Promise.all(requests.map((r) => routing().route(r.request.id, 'CONFIRMED')));
    expect(results.map((r) => r.status).sort()).toEqual(['ROUTED', 'ROUTING']);
    expect(await app.prisma.requestAssignment.count({ where: { workspaceId: p.workspace.id } })).toBe(1);
    expect(await app.prisma.relayThread.count({ where: { workspaceId: p.workspace.id } })).toBe(1);
    expect(await balance(p.workspace.id)).toBe('0.0000');
    const waiting = requests[results.findIndex((r) => r.status === 'ROUTING')]!;
    const [decision] = await decisionsOf(waiting.request.id);
    expect((decision!.details as { candidates: { reason: string }[] }).candidates[0]!.reason).toBe('insufficient credits');
  });

  it('uses the provider price for the niche, else the niche default', async () => {
    const niche = await buildNiche(app, { defaultPrice: '30' });
    const priced = await provider(niche.id, { price: '12.5' });
    const plain = await provider(niche.id);
    const { request } = await buildConfirmedRequest(app, niche.id);
    await routing().route(request.id, 'CONFIRMED');
    expect(await balance(priced.workspace.id)).toBe('87.5000');
    expect(await balance(plain.workspace.id)).toBe('70.0000');
  });

  it('skips paused profiles and suspended workspaces', async () => {
    const niche = await buildNiche(app);
    const paused = await provider(niche.id);
    await app.prisma.providerProfile.update({ where: { workspaceId: paused.workspace.id }, data: { active: false } });
    const suspended = await provider(niche.id);
    await app.prisma.workspace.update({ where: { id: suspended.workspace.id }, data: { status: 'SUSPENDED' } });
    const { request } = await buildConfirmedRequest(app, niche.id);
    expect((await routing().route(request.id, 'CONFIRMED')).status).toBe('ROUTING');
  });
});

describe('retries', () => {
  it('retries hourly and gives up 72 hours after the confirmation; admins list and retry it', async () => {
    const niche = await buildNiche(app);
    const { request } = await buildConfirmedRequest(app, niche.id, { confirmedAt: new Date(Date.now() - 71 * HOUR) });
    await routing().route(request.id, 'CONFIRMED');
    expect(await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: 'ROUTING',
      routingAttempts: 1,
    });

    // Not due yet: nothing happens.
    await routing().retryDue();
    expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).routingAttempts).toBe(1);

    // An hour later (moved by hand), 72 hours have passed: the last attempt gives up.
    await app.prisma.serviceRequest.update({
      where: { id: request.id },
      data: { confirmedAt: new Date(Date.now() - 73 * HOUR), nextRoutingAt: new Date(Date.now() - 60_000) },
    });
    expect(await routing().retryDue()).toBeGreaterThanOrEqual(1);
    const gaveUp = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(gaveUp).toMatchObject({ status: 'UNROUTABLE', routingAttempts: 2, nextRoutingAt: null });
    expect(gaveUp.unroutableAt).not.toBeNull();

    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const listed = await app.execAs(
      admin.principal,
      `{ adminServiceRequests(status: UNROUTABLE, first: 100) { totalCount nodes { id status routingAttempts unroutableAt consentVersion } } }`,
    );
    const nodes = (listed.data?.['adminServiceRequests'] as { nodes: { id: string; status: string }[] }).nodes;
    expect(nodes.map((n) => n.id)).toContain(toGlobalId('ServiceRequest', request.id));

    // A provider joins; the admin routes it again.
    const p = await provider(niche.id);
    const retried = await app.execAs(
      admin.principal,
      `mutation($id: ID!) { serviceRequestRetryRouting(id: $id) { status unroutableAt assignments { workspaceId status } } }`,
      {
        id: toGlobalId('ServiceRequest', request.id),
      },
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.['serviceRequestRetryRouting']).toEqual({
      status: 'ROUTED',
      unroutableAt: null,
      assignments: [{ workspaceId: toGlobalId('Workspace', p.workspace.id), status: 'ACTIVE' }],
    });
    const sales = await app.execAs(p.sales.principal, `mutation($id: ID!) { serviceRequestRetryRouting(id: $id) { status } }`, {
      id: toGlobalId('ServiceRequest', request.id),
    });
    expect(sales.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('retries', () => {
  it('goes on with the batch when one request fails, and logs the failure without personal data', async () => {
    const niche = await buildNiche(app);
    const failing = await buildConfirmedRequest(app, niche.id);
    const next = await buildConfirmedRequest(app, niche.id);
    await app.prisma.serviceRequest.update({ where: { id: failing.request.id }, data: { nextRoutingAt: new Date(Date.now() - 2 * HOUR) } });
    await app.prisma.serviceRequest.update({ where: { id: next.request.id }, data: { nextRoutingAt: new Date(Date.now() - HOUR) } });
    const route = routing().route.bind(routing());
    vi.spyOn(routing(), 'route').mockImplementation((id, trigger, now) =>
      id === failing.request.id ? Promise.reject(new Error('connection reset')) : route(id, trigger, now),
    );
    const warn = vi.spyOn(app.api.platform.log, 'warn');

    expect(await routing().retryDue()).toBeGreaterThanOrEqual(2);
    expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: next.request.id } })).routingAttempts).toBe(1);
    expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: failing.request.id } })).routingAttempts).toBe(0);
    expect(warn).toHaveBeenCalledWith({ requestId: failing.request.id, err: { message: 'connection reset' } }, expect.any(String));
  });
});

describe('suspended end users', () => {
  const SUSPEND = `mutation($id: ID!, $s: Boolean!) { adminUserSuspend(userId: $id, suspended: $s, reason: "chargeback fraud") }`;

  it('are routed nothing (no provider is charged) until resumed; resuming schedules requests younger than 72 hours', async () => {
    const niche = await buildNiche(app);
    const { request, endUser } = await buildConfirmedRequest(app, niche.id, { endUser: true });
    const old = await buildConfirmedRequest(app, niche.id, { confirmedAt: new Date(Date.now() - 73 * HOUR) });
    await app.prisma.serviceRequest.update({ where: { id: old.request.id }, data: { userId: endUser!.user.id } });
    // Both waiting for their next attempt, as an earlier attempt without providers leaves them.
    await app.prisma.serviceRequest.updateMany({
      where: { id: { in: [request.id, old.request.id] } },
      data: { nextRoutingAt: new Date(Date.now() + HOUR) },
    });
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const userGid = toGlobalId('User', endUser!.user.id);
    expect((await app.execAs(admin.principal, SUSPEND, { id: userGid, s: true })).data).toEqual({ adminUserSuspend: true });
    for (const id of [request.id, old.request.id]) {
      expect(await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'ROUTING',
        nextRoutingAt: null,
      });
    }

    // A provider appears: neither a routing job, the cron nor a delivery in flight charges it.
    const p = await provider(niche.id);
    expect(await routing().route(request.id, 'CONFIRMED')).toEqual({ status: 'SKIPPED', delivered: [] });
    await app.prisma.serviceRequest.update({ where: { id: request.id }, data: { nextRoutingAt: new Date(Date.now() - 60_000) } });
    await routing().retryDue();
    const details = {
      fit: 1,
      exactNiche: true,
      regionListed: false,
      postalPrefixMatched: false,
      medianResponseSeconds: null,
      responseFactor: 1,
      disputeRate: 0,
      disputeFactor: 1,
      score: 1,
    } as never;
    const delivered = await deliverRequest(
      app.api.platform.database.pool,
      {
        request: {
          id: request.id,
          nicheId: niche.id,
          nicheName: niche.name,
          nicheSicCodes: [],
          userId: endUser!.user.id,
          status: 'ROUTING',
          country: 'US',
          region: 'CA',
          postalCode: '94110',
          confirmedAt: new Date(),
        },
        workspaceId: p.workspace.id,
        price: '25',
        details,
        max: 3,
        now: new Date(),
      },
      {
        spend: app.api.services.credits.spend.bind(app.api.services.credits),
        enqueueWebhook: app.api.services.outboundWebhooks.enqueue.bind(app.api.services.outboundWebhooks),
      },
    );
    expect(delivered).toEqual({ skipped: 'request no longer routable' });
    expect(await app.prisma.requestAssignment.count({ where: { requestId: request.id } })).toBe(0);
    expect(await balance(p.workspace.id)).toBe('100.0000');

    expect((await app.execAs(admin.principal, SUSPEND, { id: userGid, s: false })).data).toEqual({ adminUserSuspend: true });
    const resumed = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(resumed.status).toBe('ROUTING');
    expect(resumed.nextRoutingAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const expired = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: old.request.id } });
    expect(expired).toMatchObject({ status: 'UNROUTABLE', nextRoutingAt: null });
    expect(expired.unroutableAt).not.toBeNull();

    await routing().retryDue();
    expect(await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'ROUTED' });
    expect((await assignmentsOf(request.id)).map((a) => a.workspaceId)).toEqual([p.workspace.id]);
    expect(await balance(p.workspace.id)).toBe('75.0000');
  });
});

describe('decline', () => {
  it('declines within the hour: credits back once, thread closed, a replacement provider found', async () => {
    const { niche, p, request, gid } = await routedToOne();
    const replacement = await provider(niche.id);
    const [first, second] = await Promise.all([
      app.execAs(p.sales.principal, DECLINE, { id: gid, reason: 'We do not serve that street' }),
      app.execAs(p.manager.principal, DECLINE, { id: gid, reason: 'Duplicate click' }),
    ]);
    const ok = [first, second].filter((r) => !r.errors);
    const refusedResults = [first, second].filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(reasonOf(refusedResults[0]!)).toBe('NOT_ACTIVE');
    expect(ok[0]!.data?.['assignmentDecline']).toMatchObject({
      status: 'DECLINED',
      declinableUntil: null,
      refundReason: 'Declined within the free hour',
    });
    expect(await balance(p.workspace.id)).toBe('100.0000');
    const [declined] = await assignmentsOf(request.id);
    expect(declined!.thread).toMatchObject({ status: 'CLOSED', closedBy: 'PROVIDER' });
    expect(await app.prisma.journalEntry.count({ where: { idempotencyKey: `routing:decline:${declined!.id}` } })).toBe(1);

    await eventually(
      async () =>
        (await app.prisma.requestAssignment.findFirst({ where: { requestId: request.id, workspaceId: replacement.workspace.id } })) ?? null,
      20_000,
      'the replacement',
    );
    const after = await assignmentsOf(request.id);
    expect(after.map((a) => [a.workspaceId, a.status, a.rank])).toEqual([
      [p.workspace.id, 'DECLINED', 1],
      [replacement.workspace.id, 'ACTIVE', 2],
    ]);
  });

  it('closes the thread in the same transaction; a lost replacement job is made up by the retry, once', async () => {
    const stopChecking = await requireThreadClosedWithAssignment(app);
    try {
      const { niche, p, request, assignment, gid } = await routedToOne();
      await app.prisma.webhookEndpoint.create({
        data: { workspaceId: p.workspace.id, url: 'http://127.0.0.1:9/hook', secret: 'whsec_test', events: ['thread.status_changed'] },
      });
      const first = await provider(niche.id);
      const second = await provider(niche.id);
      const events = app.api.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, workspaceParty(p.workspace.id));
      const heard: { kind: string; threadId: string | null }[] = [];
      const listening = (async () => {
        for await (const event of events) {
          heard.push(event);
          if (event.kind === 'THREAD_UPDATED') return;
        }
      })();
      // The process stops between the commit and queueing the replacement.
      const lost = vi.spyOn(routing(), 'queueRoute').mockResolvedValue(undefined);
      const declined = await app.execAs(p.sales.principal, DECLINE, { id: gid, reason: 'Outside our area' });
      expect(declined.errors).toBeUndefined();
      expect(lost).toHaveBeenCalledTimes(1);
      lost.mockRestore();
      await listening;

      const thread = (await assignmentsOf(request.id))[0]!.thread!;
      expect(thread).toMatchObject({ status: 'CLOSED', closedBy: 'PROVIDER' });
      expect(heard).toContainEqual(expect.objectContaining({ kind: 'THREAD_UPDATED', threadId: thread.id }));
      const webhook = await app.prisma.webhookDelivery.findFirstOrThrow({
        where: { event: 'thread.status_changed', endpoint: { workspaceId: p.workspace.id } },
      });
      expect(webhook.payload).toMatchObject({
        id: `evt_thread_closed_${thread.id}`,
        data: { status: 'CLOSED', closedBy: 'PROVIDER', assignmentId: toGlobalId('RequestAssignment', assignment.id) },
      });
      const owed = await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } });
      expect(owed.status).toBe('ROUTED');
      expect(owed.nextRoutingAt!.getTime()).toBeLessThanOrEqual(Date.now());

      // A late job and the cron's retry at once: one replacement between them, though two providers could take it.
      await Promise.all([routing().route(request.id, 'REPLACEMENT'), routing().retryDue()]);
      const replaced = (await assignmentsOf(request.id)).filter((a) => a.status === 'ACTIVE');
      expect(replaced).toHaveLength(1);
      expect([first.workspace.id, second.workspace.id]).toContain(replaced[0]!.workspaceId);
      expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).nextRoutingAt).toBeNull();
      await routing().retryDue();
      expect((await assignmentsOf(request.id)).filter((a) => a.status === 'ACTIVE')).toHaveLength(1);
    } finally {
      await stopChecking();
    }
  });

  it('refuses after the hour with the deadline', async () => {
    const { p, assignment, gid } = await routedToOne();
    const deliveredAt = new Date(Date.now() - 61 * 60_000);
    await app.prisma.requestAssignment.update({ where: { id: assignment.id }, data: { deliveredAt } });
    const result = await app.execAs(p.sales.principal, DECLINE, { id: gid, reason: 'Too late' });
    expect(reasonOf(result)).toBe('DECLINE_WINDOW_CLOSED');
    const deadline = new Date(deliveredAt.getTime() + HOUR).toISOString();
    expect(result.errors?.[0]?.extensions?.['deadline']).toBe(deadline);
    expect(result.errors?.[0]?.message).toContain(deadline);
    expect(await balance(p.workspace.id)).toBe('75.0000');
    expect((await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('ACTIVE');
  });

  it('needs a reason', async () => {
    const { p, gid } = await routedToOne();
    const result = await app.execAs(p.sales.principal, DECLINE, { id: gid, reason: '   ' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: ['reason'] });
  });
});

describe('unread refund', () => {
  it('refunds an assignment whose first message is unread after 48 hours, exactly once', async () => {
    const unread = await routedToOne();
    const read = await routedToOne();
    const fresh = await routedToOne();
    const old = new Date(Date.now() - 49 * HOUR);
    await app.prisma.relayThread.update({ where: { assignmentId: unread.assignment.id }, data: { providerFirstMessageAt: old } });
    await app.prisma.relayThread.update({
      where: { assignmentId: read.assignment.id },
      data: { providerFirstMessageAt: old, providerFirstMessageReadAt: new Date(Date.now() - 40 * HOUR) },
    });
    await app.prisma.relayThread.update({
      where: { assignmentId: fresh.assignment.id },
      data: { providerFirstMessageAt: new Date(Date.now() - 47 * HOUR) },
    });

    const counts = await Promise.all([routing().refundUnread(), routing().refundUnread(), routing().refundUnread()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: unread.assignment.id } })).toMatchObject({
      status: 'REFUNDED',
      refundReason: 'The first message was not read within 48 hours',
    });
    expect(await balance(unread.p.workspace.id)).toBe('100.0000');
    expect(await balance(read.p.workspace.id)).toBe('75.0000');
    expect(await balance(fresh.p.workspace.id)).toBe('75.0000');
    expect(await routing().refundUnread()).toBe(0);
  });
});

describe('unread refund after a reply', () => {
  /** A reply by the end user (or, automated, their mail system's auto-reply) straight into the store. */
  async function reply(routed: Awaited<ReturnType<typeof routedToOne>>, automated: boolean) {
    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { assignmentId: routed.assignment.id } });
    await app.api.platform.database.pool.query(
      `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, subject, text_body, raw_mime, size_bytes, automated)
       VALUES ($1, $2, $3, $4, $5, 'USER_TO_PROVIDER', 'EMAIL', 'Re: your request', $6, 'raw', 3, $7)`,
      [
        thread.id,
        thread.requestId,
        thread.workspaceId,
        thread.userId,
        thread.nicheId,
        automated ? 'I am away' : 'Yes, Tuesday works',
        automated,
      ],
    );
  }

  it('keeps the charge when the end user answered, though no read pixel came back; an auto-reply proves nothing', async () => {
    const answered = await routedToOne();
    const autoReplied = await routedToOne();
    const old = new Date(Date.now() - 49 * HOUR);
    for (const r of [answered, autoReplied]) {
      await app.prisma.relayThread.update({ where: { assignmentId: r.assignment.id }, data: { providerFirstMessageAt: old } });
    }
    await reply(answered, false);
    await reply(autoReplied, true);

    await routing().refundUnread();
    expect((await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: answered.assignment.id } })).status).toBe('ACTIVE');
    expect(await balance(answered.p.workspace.id)).toBe('75.0000');
    expect((await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: autoReplied.assignment.id } })).status).toBe('REFUNDED');
    expect(await balance(autoReplied.p.workspace.id)).toBe('100.0000');
  });
});

describe('disputes', () => {
  it('accepts one dispute within 14 days; an upheld dispute refunds once; reject refunds nothing', async () => {
    const upheld = await routedToOne();
    const rejected = await routedToOne();
    const short = await app.execAs(upheld.p.sales.principal, DISPUTE, { id: upheld.gid, reason: 'FAKE', note: 'no' });
    expect(short.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT', field: ['note'] });

    const disputed = await app.execAs(upheld.p.sales.principal, DISPUTE, {
      id: upheld.gid,
      reason: 'FAKE',
      note: 'The phone number does not exist.',
    });
    expect(disputed.errors).toBeUndefined();
    const result = disputed.data?.['assignmentDispute'] as { disputableUntil: string | null; dispute: { id: string; status: string } };
    expect(result).toMatchObject({ disputableUntil: null, dispute: { status: 'OPEN', reason: 'FAKE' } });
    const again = await app.execAs(upheld.p.manager.principal, DISPUTE, { id: upheld.gid, reason: 'DUPLICATE', note: 'Second try at it.' });
    expect(reasonOf(again)).toBe('ALREADY_DISPUTED');

    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const list = await app.execAs(
      admin.principal,
      `{ adminDisputes(status: OPEN, first: 100) { nodes { id providerName reason note status assignment { id status } } } }`,
    );
    const open = (list.data?.['adminDisputes'] as { nodes: { id: string; assignment: { id: string } }[] }).nodes;
    expect(open.find((d) => d.assignment.id === upheld.gid)).toMatchObject({ id: result.dispute.id, reason: 'FAKE', status: 'OPEN' });

    const bySales = await app.execAs(upheld.p.sales.principal, RESOLVE, { id: result.dispute.id, uphold: true, note: 'Mine' });
    expect(bySales.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const [one, two] = await Promise.all([
      app.execAs(admin.principal, RESOLVE, { id: result.dispute.id, uphold: true, note: 'The number is not in service.' }),
      app.execAs(admin.principal, RESOLVE, { id: result.dispute.id, uphold: true, note: 'Same decision twice.' }),
    ]);
    expect([one, two].filter((r) => !r.errors)).toHaveLength(1);
    expect([one, two].map(reasonOf).filter(Boolean)).toEqual(['ALREADY_RESOLVED']);
    expect(await balance(upheld.p.workspace.id)).toBe('100.0000');
    expect(await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: upheld.assignment.id } })).toMatchObject({
      status: 'REFUNDED',
      refundReason: 'Dispute upheld (FAKE)',
    });

    const other = await app.execAs(rejected.p.sales.principal, DISPUTE, {
      id: rejected.gid,
      reason: 'OUT_OF_AREA',
      note: 'The address is in another state.',
    });
    const otherId = (other.data?.['assignmentDispute'] as { dispute: { id: string } }).dispute.id;
    const no = await app.execAs(admin.principal, RESOLVE, { id: otherId, uphold: false, note: 'The address is in the served area.' });
    expect(no.data?.['assignmentDisputeResolve']).toMatchObject({
      status: 'REJECTED',
      resolutionNote: 'The address is in the served area.',
    });
    expect(await balance(rejected.p.workspace.id)).toBe('75.0000');
    expect(
      await app.prisma.auditLogEntry.count({ where: { action: { in: ['routing.dispute_upheld', 'routing.dispute_rejected'] } } }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('does not refund twice when the lead was already refunded for an unread first message', async () => {
    const { p, assignment, gid } = await routedToOne();
    await app.prisma.relayThread.update({
      where: { assignmentId: assignment.id },
      data: { providerFirstMessageAt: new Date(Date.now() - 50 * HOUR) },
    });
    const disputed = await app.execAs(p.sales.principal, DISPUTE, { id: gid, reason: 'UNREACHABLE', note: 'Never answered any message.' });
    await routing().refundUnread();
    const disputeId = (disputed.data?.['assignmentDispute'] as { dispute: { id: string } }).dispute.id;
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const resolved = await app.execAs(admin.principal, RESOLVE, { id: disputeId, uphold: true, note: 'Already refunded automatically.' });
    expect(resolved.data?.['assignmentDisputeResolve']).toMatchObject({ status: 'UPHELD' });
    expect(await balance(p.workspace.id)).toBe('100.0000');
  });

  it('refuses disputes after 14 days', async () => {
    const { p, assignment, gid } = await routedToOne();
    await app.prisma.requestAssignment.update({
      where: { id: assignment.id },
      data: { deliveredAt: new Date(Date.now() - 15 * 24 * HOUR) },
    });
    const result = await app.execAs(p.sales.principal, DISPUTE, { id: gid, reason: 'DUPLICATE', note: 'Same person as last month.' });
    expect(reasonOf(result)).toBe('DISPUTE_WINDOW_CLOSED');
    expect(await app.prisma.assignmentDispute.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });
});

describe('outcomes', () => {
  it('needs a reason for BAD_LEAD; the latest report wins and is audited', async () => {
    const { p, gid, assignment } = await routedToOne();
    const missing = await app.execAs(p.sales.principal, OUTCOME, { id: gid, outcome: 'BAD_LEAD' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT', field: ['reason'] });
    const bad = await app.execAs(p.sales.principal, OUTCOME, { id: gid, outcome: 'BAD_LEAD', reason: 'Wrong phone number' });
    expect(bad.data?.['assignmentOutcomeReport']).toMatchObject({ outcome: 'BAD_LEAD', outcomeReason: 'Wrong phone number' });
    const converted = await app.execAs(p.manager.principal, OUTCOME, { id: gid, outcome: 'CONVERTED' });
    expect(converted.data?.['assignmentOutcomeReport']).toMatchObject({ outcome: 'CONVERTED', outcomeReason: null });
    expect(await app.prisma.auditLogEntry.count({ where: { action: 'routing.outcome_reported', targetId: assignment.id } })).toBe(2);
  });
});

describe('tenant isolation', () => {
  it("a provider cannot see or act on another provider's assignment", async () => {
    const a = await routedToOne();
    const b = await routedToOne();
    for (const query of [
      [DECLINE, { id: a.gid, reason: 'not mine' }],
      [OUTCOME, { id: a.gid, outcome: 'CONVERTED' }],
      [DISPUTE, { id: a.gid, reason: 'FAKE', note: 'Trying to dispute it.' }],
    ] as const) {
      const result = await app.execAs(b.p.manager.principal, query[0], query[1]);
      expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    }
    expect(await routing().assignmentForViewer(b.p.sales.principal, a.assignment.id)).toBeNull();
    expect(await routing().assignmentForViewer(a.endUser.principal, a.assignment.id)).toBeNull();
    expect(await routing().assignmentForViewer(a.p.sales.principal, a.assignment.id)).toMatchObject({ id: a.gid });
    const profile = await app.execAs(b.p.manager.principal, `query($w: ID!) { providerProfile(workspaceId: $w) { active } }`, {
      w: toGlobalId('Workspace', a.p.workspace.id),
    });
    expect(profile.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: a.assignment.id } })).toMatchObject({
      status: 'ACTIVE',
      outcome: null,
    });
  });

  it('shows the lead to the provider without contact details when the email is hidden', async () => {
    const { p, assignment } = await routedToOne();
    const view = await routing().assignmentForViewer(p.sales.principal, assignment.id);
    expect(view!.lead).toMatchObject({ name: 'Robin Requester', hideEmail: true, email: null, phone: null, city: 'San Francisco' });
    expect(view!.declinableUntil!.getTime()).toBe(assignment.deliveredAt.getTime() + HOUR);
    expect(view!.disputableUntil!.getTime()).toBe(assignment.deliveredAt.getTime() + 14 * 24 * HOUR);
    expect(view!.slaBreached).toBe(false);
    await app.prisma.requestAssignment.update({ where: { id: assignment.id }, data: { deliveredAt: new Date(Date.now() - 5 * HOUR) } });
    const late = await routing().assignmentForViewer(p.sales.principal, assignment.id);
    expect(late!.slaBreached).toBe(true);
    expect(late!.slaElapsedSeconds).toBeGreaterThanOrEqual(5 * 3600);
    expect(late!.declinableUntil).toBeNull();
  });
});

describe('lead details', () => {
  it('hides the phone numbers and addresses typed into the details when the email is hidden; the end user sees them', async () => {
    const { p, assignment, request, endUser } = await routedToOne();
    const typed = 'Leak under the sink. Call 415-555-0199 or write to robin.r@example.com after 5.';
    await app.prisma.serviceRequest.update({ where: { id: request.id }, data: { details: typed } });
    const view = await routing().assignmentForViewer(p.sales.principal, assignment.id);
    expect(view!.lead.details).toBe('Leak under the sink. Call [phone removed] or write to [email removed] after 5.');
    const own = await app.execAs(endUser.principal, `query($id: ID!) { myServiceRequest(id: $id) { details } }`, {
      id: toGlobalId('ServiceRequest', request.id),
    });
    expect(own.data?.['myServiceRequest']).toEqual({ details: typed });

    // Without the opt-in the provider may call or write anyway: the details stay as typed.
    await app.prisma.serviceRequest.update({ where: { id: request.id }, data: { hideEmail: false } });
    expect((await routing().assignmentForViewer(p.sales.principal, assignment.id))!.lead.details).toBe(typed);
  });
});

describe('admin lists', () => {
  it('answer a cursor that is not theirs with BAD_USER_INPUT', async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const bad = [
      cursor(['yesterday', '00000000-0000-4000-8000-000000000000']),
      cursor(['2026-11-21T10:00:00.000Z', 'not-a-uuid']),
      cursor(['+200000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
      cursor([1, 2]),
    ];
    for (const query of [
      `query($after: String) { adminServiceRequests(first: 5, after: $after) { totalCount } }`,
      `query($after: String) { adminDisputes(first: 5, after: $after) { totalCount } }`,
    ]) {
      for (const after of bad) expect(errorCodes(await app.execAs(admin.principal, query, { after }))).toEqual(['BAD_USER_INPUT']);
      const good = await app.execAs(admin.principal, query, {
        after: cursor([new Date().toISOString(), '00000000-0000-4000-8000-000000000000']),
      });
      expect(good.errors).toBeUndefined();
    }
  });
});

describe('provider profile', () => {
  const UPDATE = `mutation($w: ID!, $input: ProviderProfileInput!) { providerProfileUpdate(workspaceId: $w, input: $input) {
    active niches { slug } sicCodes countries regions postalPrefixes capPerDay capPerWeek capPerMonth prices { niche { slug } price } } }`;

  it('validates every field and lets only owners and admins change it', async () => {
    const niche = await buildNiche(app);
    const p = await provider(niche.id);
    const w = toGlobalId('Workspace', p.workspace.id);
    const nicheGid = toGlobalId('Niche', niche.id);
    const good = {
      active: true,
      nicheIds: [nicheGid],
      sicCodes: ['1711'],
      countries: ['us'],
      regions: ['ca', 'NY'],
      postalPrefixes: ['941 '],
      capPerDay: 5,
      capPerWeek: 20,
      capPerMonth: null,
      prices: [{ nicheId: nicheGid, price: '19.5' }],
    };
    const bad = await app.execAs(p.manager.principal, UPDATE, {
      w,
      input: {
        ...good,
        nicheIds: [toGlobalId('Niche', '00000000-0000-4000-8000-000000000000')],
        sicCodes: ['plumbing'],
        countries: ['USA'],
        capPerDay: -1,
        prices: [{ nicheId: nicheGid, price: '0' }],
      },
    });
    expect(bad.errors?.[0]?.extensions?.['reason']).toBe('INVALID_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.['fieldErrors'] as { field: string[] }[]).map((e) => e.field.join('.'));
    expect(fields).toEqual(['input.nicheIds.0', 'input.sicCodes.0', 'input.countries.0', 'input.capPerDay', 'input.prices.0.price']);
    const decimals = await app.execAs(p.manager.principal, UPDATE, {
      w,
      input: { ...good, prices: [{ nicheId: nicheGid, price: '1.12345' }] },
    });
    expect(decimals.errors).toBeDefined();

    const member = await app.execAs(p.sales.principal, UPDATE, { w, input: good });
    expect(member.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const saved = await app.execAs(p.manager.principal, UPDATE, { w, input: good });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.['providerProfileUpdate']).toEqual({
      active: true,
      niches: [{ slug: niche.slug }],
      sicCodes: ['1711'],
      countries: ['US'],
      regions: ['CA', 'NY'],
      postalPrefixes: ['941'],
      capPerDay: 5,
      capPerWeek: 20,
      capPerMonth: null,
      prices: [{ niche: { slug: niche.slug }, price: '19.5000' }],
    });
    const read = await app.execAs(p.sales.principal, `query($w: ID!) { providerProfile(workspaceId: $w) { capPerDay prices { price } } }`, {
      w,
    });
    expect(read.data?.['providerProfile']).toEqual({ capPerDay: 5, prices: [{ price: '19.5000' }] });
  });
});
