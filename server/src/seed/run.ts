// Demo data for local use: the logins printed at start, tenants of every kind, and 10,000 leads.
// Seeding runs only on an empty database, so a second start reuses the data; `pnpm db:reset` starts over.
// The routing seed goes through the routing service, whose types carry type-graphql metadata.
import 'reflect-metadata';
import pg from 'pg';
import { seedDemoMoney } from './money.js';
import { seedDemoRouting } from './routing.js';
import {
  DEMO_ADMIN,
  DEMO_BUYER_WORKSPACES,
  DEMO_END_USERS,
  DEMO_PARTNER_ORGS,
  DEMO_PASSWORD,
  DEMO_PROVIDER_WORKSPACES,
} from '../../../prisma/seed/demo-accounts.js';
import { INDUSTRIES } from '../../../prisma/seed/industries.js';
import { connectDatabase, type Db } from '../platform/db/client.js';
import { migrateDeploy } from '../platform/db/migrate.js';
import { hashPassword } from '../modules/identity/secrets.js';
import { slugify } from '@hotlead/domain';
import type { Prisma } from '@hotlead/prisma';
import { generateDemoLeads } from './leads.js';

export const DEMO_LEAD_COUNT = 10_000;

type Log = (line: string) => void;

export interface DemoLogin {
  who: string;
  email: string;
  password: string;
  app: 'buyer' | 'partner' | 'admin';
}

/** The logins to print: one per kind of person. */
export function demoLogins(): DemoLogin[] {
  const logins: DemoLogin[] = [{ who: 'platform admin', email: DEMO_ADMIN.email, password: DEMO_PASSWORD, app: 'admin' }];
  for (const ws of DEMO_BUYER_WORKSPACES)
    for (const m of ws.members) if (m.label) logins.push({ who: m.label, email: m.email, password: DEMO_PASSWORD, app: 'buyer' });
  for (const org of DEMO_PARTNER_ORGS)
    if (org.owner.label) logins.push({ who: org.owner.label, email: org.owner.email, password: DEMO_PASSWORD, app: 'partner' });
  for (const ws of DEMO_PROVIDER_WORKSPACES)
    for (const m of ws.members) if (m.label) logins.push({ who: m.label, email: m.email, password: DEMO_PASSWORD, app: 'admin' });
  for (const u of DEMO_END_USERS) if (u.label) logins.push({ who: u.label, email: u.email, password: DEMO_PASSWORD, app: 'buyer' });
  return logins;
}

/** Industries are reference data every database needs, demo or not. */
export async function seedIndustries(prisma: Db): Promise<void> {
  await prisma.industry.createMany({
    data: INDUSTRIES.map((i) => ({ slug: i.slug, name: i.name, sicCodes: [...i.sicCodes] })),
    skipDuplicates: true,
  });
}

export async function seedDemo(prisma: Db, options: { leadCount?: number; now?: Date; log?: Log } = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  await seedIndustries(prisma);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const verified = now;

  const user = (email: string, name: string, extra: { platformRole?: 'ADMIN' } = {}) =>
    prisma.user.create({ data: { email, name, passwordHash, emailVerifiedAt: verified, ...extra }, select: { id: true } });

  await user(DEMO_ADMIN.email, DEMO_ADMIN.name, { platformRole: 'ADMIN' });
  for (const group of [
    ...DEMO_BUYER_WORKSPACES.map((w) => ({ ...w, kind: 'BUYER' as const })),
    ...DEMO_PROVIDER_WORKSPACES.map((w) => ({ ...w, kind: 'PROVIDER' as const })),
  ]) {
    const workspace = await prisma.workspace.create({
      data: { name: group.name, slug: slugify(group.name), kind: group.kind },
      select: { id: true },
    });
    for (const member of group.members) {
      const u = await user(member.email, member.name);
      await prisma.workspaceMembership.create({ data: { workspaceId: workspace.id, userId: u.id, role: member.role } });
    }
  }
  const partnerOrgIds: string[] = [];
  for (const org of DEMO_PARTNER_ORGS) {
    const created = await prisma.partnerOrg.create({
      // Demo partners have passed the first-100-leads review (seed 000 Decision 8), so their uploads list at once.
      data: { name: org.name, slug: slugify(org.name), website: org.website, firstReviewDoneAt: now },
      select: { id: true },
    });
    partnerOrgIds.push(created.id);
    const u = await user(org.owner.email, org.owner.name);
    await prisma.partnerMembership.create({ data: { partnerOrgId: created.id, userId: u.id, role: 'OWNER' } });
  }
  for (const endUser of DEMO_END_USERS) {
    const u = await user(endUser.email, endUser.name);
    await prisma.endUserProfile.create({ data: { userId: u.id } });
  }

  const industryIds = (await prisma.industry.findMany({ select: { id: true }, orderBy: { slug: 'asc' } })).map((i) => i.id);
  const leads = generateDemoLeads({ count: options.leadCount ?? DEMO_LEAD_COUNT, industryIds, partnerOrgIds, now });
  for (let i = 0; i < leads.length; i += 5_000) await insertLeads(prisma, leads.slice(i, i + 5_000));
  log(`seeded demo data: ${demoLogins().length} demo logins, ${leads.length} leads`);
}

/**
 * Bulk insert in one statement per batch: Prisma's createMany spends ~1 ms a row on wide rows, this
 * ~0.05 ms. Columns not listed take their defaults.
 */
async function insertLeads(prisma: Db, leads: Prisma.LeadCreateManyInput[]): Promise<void> {
  const columns = Object.keys(leads[0] ?? {});
  if (!columns.length) return;
  const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const rows = leads.map((lead) =>
    Object.fromEntries(Object.entries(lead).map(([k, v]) => [snake(k), v instanceof Date ? v.toISOString() : v])),
  );
  const list = columns.map((c) => `"${snake(c)}"`).join(', ');
  await prisma.$executeRawUnsafe(
    `INSERT INTO leads (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::leads, $1::jsonb)`,
    JSON.stringify(rows),
  );
}

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return rows[0]?.n === '0';
  } finally {
    await client.end();
  }
}

/** Migrates, then seeds the demo data when the database has no users yet. Returns whether it seeded. */
export async function seedIfEmpty(url: string, options: { log?: Log } = {}): Promise<boolean> {
  await migrateDeploy(url);
  if (!(await isEmpty(url))) return false;
  const db = connectDatabase(url, { max: 4 });
  try {
    await seedDemo(db.prisma, options);
    await seedDemoMoney(db.pool, new Date());
    await seedDemoRouting(db.pool, new Date());
  } finally {
    await db.close();
  }
  return true;
}

/** Drops everything (tables, job queue), migrates from scratch and seeds the demo data again. */
export async function resetDatabase(url: string, options: { log?: Log } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
    await client.query('DROP SCHEMA public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  options.log?.('database emptied');
  await seedIfEmpty(url, options);
}
