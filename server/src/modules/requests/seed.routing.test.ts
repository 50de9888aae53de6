// The demo routing seed: niches, provider profiles with credits, and Jamie's request routed to Bright
// Plumbing through the routing delivery path (charged in the ledger, thread with relay tokens); a
// second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { LedgerService } from '../money/ledger.service.js';
import { accounts } from '../money/ledger.accounts.js';
import { seedDemoMoney } from '../../seed/money.js';
import { seedDemo } from '../../seed/run.js';
import { DEMO_NICHES, seedDemoRouting } from '../../seed/routing.js';
import { ROUTING_RETRY_MS } from './requests.constants.js';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase(database.url, { max: 4 });
  await seedDemo(db.prisma, { leadCount: 10 });
  await seedDemoMoney(db.pool, new Date());
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('demo routing seed', () => {
  it('seeds niches, profiles, credits and one routed request, once', async () => {
    const now = new Date();
    await seedDemoRouting(db.pool, now);
    const snapshot = async () => ({
      niches: await db.prisma.niche.count(),
      profiles: await db.prisma.providerProfile.count(),
      requests: await db.prisma.serviceRequest.count(),
      assignments: await db.prisma.requestAssignment.count(),
      threads: await db.prisma.relayThread.count(),
      entries: await db.prisma.journalEntry.count(),
    });
    const first = await snapshot();
    expect(first).toMatchObject({ niches: DEMO_NICHES.length, profiles: 3, requests: 1, assignments: 1, threads: 1 });

    const bright = await db.prisma.workspace.findFirstOrThrow({ where: { name: 'Bright Plumbing Co' } });
    const profile = await db.prisma.providerProfile.findUniqueOrThrow({ where: { workspaceId: bright.id } });
    const niches = await db.prisma.niche.findMany({ where: { id: { in: profile.nicheIds } }, orderBy: { slug: 'asc' } });
    expect(niches.map((n) => n.slug)).toEqual(['hvac', 'plumbing']);
    expect(profile).toMatchObject({
      countries: ['US'],
      regions: ['CA', 'NY', 'TX'],
      capPerDay: 20,
      capPerWeek: 80,
      capPerMonth: 250,
      active: true,
    });

    const jamie = await db.prisma.user.findUniqueOrThrow({ where: { email: 'jamie@example.test' } });
    const request = await db.prisma.serviceRequest.findFirstOrThrow({
      where: { userId: jamie.id },
      include: { assignments: { include: { thread: true } } },
    });
    expect(request).toMatchObject({ status: 'ROUTED', hideEmail: true, consentVersion: '2026-11-01', routingAttempts: 1 });
    const [assignment] = request.assignments;
    expect(assignment).toMatchObject({ workspaceId: bright.id, status: 'ACTIVE', rank: 1 });
    expect(assignment!.price.toString()).toBe('22');
    expect(assignment!.chargeEntryId).not.toBeNull();
    expect(assignment!.thread).toMatchObject({ status: 'OPEN', userId: jamie.id });
    expect(assignment!.thread!.userToken).toMatch(/^[a-z2-7]{32}$/);

    const ledger = new LedgerService(db.pool);
    expect(await ledger.balance(accounts.workspaceCredits(bright.id))).toBe('978.0000');
    expect(await ledger.totals()).toEqual({ CREDITS: '0.0000', USD: '0.0000' });

    await seedDemoRouting(db.pool, new Date());
    expect(await snapshot()).toEqual(first);
    expect(await ledger.balance(accounts.workspaceCredits(bright.id))).toBe('978.0000');
  });
  it('leaves the demo request waiting for the hourly retry when Bright Plumbing cannot take it', async () => {
    const other = await createTestDatabase();
    const odb = connectDatabase(other.url, { max: 4 });
    try {
      await seedDemo(odb.prisma, { leadCount: 10 });
      await seedDemoMoney(odb.pool, new Date());
      await odb.prisma.workspace.updateMany({ where: { name: 'Bright Plumbing Co' }, data: { status: 'SUSPENDED' } });
      const now = new Date();
      await seedDemoRouting(odb.pool, now);
      const request = await odb.prisma.serviceRequest.findFirstOrThrow({ where: { email: 'jamie@example.test' } });
      expect(request).toMatchObject({ status: 'ROUTING', routingAttempts: 1 });
      expect(request.nextRoutingAt?.getTime()).toBe(now.getTime() + ROUTING_RETRY_MS);
      expect(await odb.prisma.requestAssignment.count()).toBe(0);
    } finally {
      await odb.close();
      await other.drop();
    }
  });
});
