// The demo seed: deterministic, seeded once (a second start reuses the data), every demo login
// works, and the 10,000 leads are spread over industries, regions, sizes and seniorities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { connectDatabase, type Database } from '../platform/db/client.js';
import { DEMO_LEAD_COUNT, demoLogins, seedIfEmpty } from './run.js';
import { generateDemoLeads } from './leads.js';
import { verifyPassword } from '../modules/identity/secrets.js';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  db = connectDatabase(database.url, { max: 4 });
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('demo seed', () => {
  it('generates the same leads for the same seed and date', () => {
    const options = { count: 200, industryIds: ['i1', 'i2', 'i3'], partnerOrgIds: ['p1'], now: new Date('2026-11-01T00:00:00Z') };
    expect(generateDemoLeads(options)).toEqual(generateDemoLeads(options));
  });

  it('seeds an empty database once; a second run changes nothing', async () => {
    expect(await seedIfEmpty(database.url)).toBe(true);
    const counts = async () => ({
      users: await db.prisma.user.count(),
      workspaces: await db.prisma.workspace.count(),
      partnerOrgs: await db.prisma.partnerOrg.count(),
      leads: await db.prisma.lead.count(),
    });
    const first = await counts();
    expect(first).toMatchObject({ workspaces: 5, partnerOrgs: 3, leads: DEMO_LEAD_COUNT });
    expect(await seedIfEmpty(database.url)).toBe(false);
    expect(await counts()).toEqual(first);
  });

  it('has a working login for every kind of person', async () => {
    const kinds = demoLogins().map((l) => l.who);
    expect(kinds).toEqual([
      'platform admin',
      'buyer owner',
      'buyer member',
      'partner owner',
      'provider manager',
      'provider sales user',
      'end user',
    ]);
    for (const login of demoLogins()) {
      const user = await db.prisma.user.findUniqueOrThrow({
        where: { email: login.email },
        select: {
          passwordHash: true,
          platformRole: true,
          memberships: { select: { role: true, workspace: { select: { kind: true } } } },
          partnerMemberships: { select: { role: true } },
          endUserProfile: true,
        },
      });
      expect(await verifyPassword(user.passwordHash!, login.password)).toBe(true);
      const has = {
        'platform admin': user.platformRole === 'ADMIN',
        'buyer owner': user.memberships.some((m) => m.role === 'OWNER' && m.workspace.kind === 'BUYER'),
        'buyer member': user.memberships.some((m) => m.role === 'MEMBER' && m.workspace.kind === 'BUYER'),
        'partner owner': user.partnerMemberships.some((m) => m.role === 'OWNER'),
        'provider manager': user.memberships.some((m) => m.role === 'OWNER' && m.workspace.kind === 'PROVIDER'),
        'provider sales user': user.memberships.some((m) => m.role === 'MEMBER' && m.workspace.kind === 'PROVIDER'),
        'end user': user.endUserProfile !== null,
      }[login.who];
      expect({ who: login.who, has }).toEqual({ who: login.who, has: true });
    }
  });

  it('spreads the leads realistically and scores them within range', async () => {
    const spread = await db.pool.query<Record<string, string>>(`
      SELECT count(DISTINCT industry_id) AS industries, count(DISTINCT country) AS countries, count(DISTINCT state) AS states,
             count(DISTINCT company_size) AS sizes, count(DISTINCT seniority) AS seniorities,
             count(*) FILTER (WHERE owner_kind = 'PARTNER') AS partner_owned,
             count(*) FILTER (WHERE phone IS NOT NULL) AS with_phone,
             count(*) FILTER (WHERE verification_status = 'CATCH_ALL') AS catch_all,
             min(intent_score) AS min_intent, max(intent_score) AS max_intent, min(list_price) AS min_price, max(list_price) AS max_price
        FROM leads`);
    const s = spread.rows[0]!;
    expect(Number(s['industries'])).toBeGreaterThanOrEqual(20);
    expect(Number(s['countries'])).toBe(5);
    expect(Number(s['states'])).toBeGreaterThanOrEqual(15);
    expect(Number(s['sizes'])).toBe(7);
    expect(Number(s['seniorities'])).toBeGreaterThanOrEqual(5);
    expect(Number(s['partner_owned'])).toBeGreaterThan(2000);
    expect(Number(s['with_phone'])).toBeGreaterThan(7000);
    expect(Number(s['catch_all'])).toBeGreaterThan(500);
    expect(Number(s['min_intent'])).toBeGreaterThanOrEqual(1);
    expect(Number(s['max_intent'])).toBeLessThanOrEqual(100);
    expect(Number(s['min_price'])).toBeGreaterThan(0);
  });
});
