// Builders for test data. They write through Prisma (and the services where a secret is involved)
// so tests start from exactly the rows they need.
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { randomBytes } from 'node:crypto';
import type { Principal } from '../src/platform/auth/principal.js';
import { hashPassword } from '../src/modules/identity/secrets.js';
import type { TestApp } from './app.js';

export const TEST_PASSWORD = 'correct-horse-battery';
let cachedHash: Promise<string> | undefined;

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function buildUser(
  app: TestApp,
  options: { email?: string; name?: string; platformRole?: 'ADMIN'; verified?: boolean; endUser?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `${unique('user')}@example.test`;
  const user = await app.prisma.user.create({
    data: {
      email,
      name: options.name ?? 'Test Person',
      passwordHash: await cachedHash,
      platformRole: options.platformRole ?? null,
      emailVerifiedAt: options.verified === false ? null : new Date(),
      ...(options.endUser ? { endUserProfile: { create: {} } } : {}),
    },
    select: { id: true, email: true },
  });
  return { ...user, password: TEST_PASSWORD };
}

/** A signed-in person: the user, a real session token, and the principal it resolves to. */
export async function buildSignedIn(app: TestApp, options: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(app, options);
  const session = await app.api.services.sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'vitest' });
  const principal: Principal = { kind: 'user', userId: user.id, sessionId: session.id, platformRole: options.platformRole ?? null };
  return { user, token: session.token, sessionId: session.id, principal };
}

export async function buildWorkspace(
  app: TestApp,
  options: { kind?: 'BUYER' | 'PROVIDER'; name?: string; members?: { userId: string; role: 'OWNER' | 'ADMIN' | 'MEMBER' }[] } = {},
) {
  const name = options.name ?? unique('Workspace');
  return app.prisma.workspace.create({
    data: {
      name,
      slug: unique('ws'),
      kind: options.kind ?? 'BUYER',
      memberships: { create: (options.members ?? []).map((m) => ({ userId: m.userId, role: m.role })) },
    },
    select: { id: true, name: true },
  });
}

export async function buildPartnerOrg(
  app: TestApp,
  options: { name?: string; members?: { userId: string; role: 'OWNER' | 'MEMBER' }[] } = {},
) {
  return app.prisma.partnerOrg.create({
    data: {
      name: options.name ?? unique('Partner'),
      slug: unique('po'),
      members: { create: (options.members ?? []).map((m) => ({ userId: m.userId, role: m.role })) },
    },
    select: { id: true, name: true },
  });
}

export async function buildApiKey(app: TestApp, workspaceId: string, createdBy: Principal & { kind: 'user' }) {
  const result = await app.api.services.workspaces.createApiKey(createdBy, { workspaceId, name: 'test key', scopes: ['packs:read'] });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.value;
}

/** A listed lead uploaded by a partner org (or the platform's own when no partner org). */
export async function buildLead(
  app: TestApp,
  options: { partnerOrgId?: string | null; listPrice?: string; uploadedAt?: Date; companyName?: string } = {},
) {
  const pool = app.api.platform.database.pool;
  const { rows: industries } = await pool.query<{ id: string }>(
    `INSERT INTO industries (slug, name, sic_codes) VALUES ('test-industry', 'Test industry', '{}')
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
  );
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO leads (owner_kind, partner_org_id, first_name, last_name, company_name, industry_id, country, source, collected_at,
                        lawful_basis, email, list_price, created_at)
     VALUES ($1::"LeadOwnerKind", $2, 'Test', 'Lead', $3, $4, 'US', 'test', now(), 'legitimate interest', $5, $6, $7) RETURNING id`,
    [
      options.partnerOrgId ? 'PARTNER' : 'PLATFORM',
      options.partnerOrgId ?? null,
      options.companyName ?? 'Acme Inc',
      industries[0]!.id,
      `${unique('lead')}@example.com`.toLowerCase(),
      options.listPrice ?? '1.0000',
      options.uploadedAt ?? new Date(),
    ],
  );
  return { id: rows[0]!.id };
}

/** A signed-in person alone in a buyer workspace holding `credits` (granted through the ledger). */
export async function buildBuyer(app: TestApp, options: { credits?: string; role?: 'OWNER' | 'ADMIN' | 'MEMBER' } = {}) {
  const person = await buildSignedIn(app);
  const workspace = await buildWorkspace(app, { members: [{ userId: person.user.id, role: options.role ?? 'OWNER' }] });
  const credits = options.credits ?? '0';
  if (credits !== '0') {
    await app.api.services.credits.grantBonus({
      workspaceId: workspace.id,
      credits,
      idempotencyKey: `test:grant:${workspace.id}`,
      description: 'test credits',
    });
  }
  return { ...person, workspace, gid: toGlobalId('Workspace', workspace.id) };
}
