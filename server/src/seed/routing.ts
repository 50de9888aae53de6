// Demo routing data: the niches of the public request form, routing profiles and credits for the demo
// provider workspaces, and one routed request by the demo end user (jamie@example.test) to Bright
// Plumbing with its relay thread — charged through the ledger by the routing service's own delivery
// path, so the provider inbox, the end-user area and the wallet have something to show on first start.
// Idempotent: every row is keyed (slug, workspace, ledger idempotency key, jamie's first request).
import type pg from 'pg';
import { recordAuditSql } from '../platform/audit.js';
import { accounts } from '../modules/money/ledger.accounts.js';
import { LedgerService, transfer } from '../modules/money/ledger.service.js';
import { CONSENT, ROUTING_RETRY_MS } from '../modules/requests/requests.constants.js';
import { deliverRequest } from '../modules/requests/routing.service.js';

export const DEMO_NICHES = [
  { slug: 'plumbing', name: 'Plumbing', sicCodes: ['1711'], defaultPrice: '25', description: 'Leaks, clogs, water heaters, new fixtures.' },
  { slug: 'electrical', name: 'Electrical', sicCodes: ['1731'], defaultPrice: '25', description: 'Wiring, panels, lighting, EV chargers.' },
  { slug: 'roofing', name: 'Roofing', sicCodes: ['1761'], defaultPrice: '40', description: 'Repairs, replacement, gutters, inspections.' },
  { slug: 'hvac', name: 'HVAC', sicCodes: ['1711', '7623'], defaultPrice: '30', description: 'Heating, air conditioning, heat pumps.' },
  {
    slug: 'landscaping',
    name: 'Landscaping',
    sicCodes: ['0781', '0782'],
    defaultPrice: '15',
    description: 'Garden design, lawn care, trees.',
  },
  {
    slug: 'house-cleaning',
    name: 'House cleaning',
    sicCodes: ['7349'],
    defaultPrice: '10',
    description: 'Regular, deep and move-out cleaning.',
  },
  {
    slug: 'moving',
    name: 'Moving',
    sicCodes: ['4212', '4214'],
    defaultPrice: '20',
    description: 'Local and long-distance moves, packing.',
  },
  { slug: 'solar', name: 'Solar', sicCodes: ['1731'], defaultPrice: '50', description: 'Solar panels, batteries, installation.' },
] as const;

type NicheSlug = (typeof DEMO_NICHES)[number]['slug'];

const DEMO_PROFILES: {
  workspace: string;
  niches: NicheSlug[];
  regions: string[];
  caps: [number, number, number];
  prices: Partial<Record<NicheSlug, string>>;
  credits: string;
}[] = [
  {
    workspace: 'Bright Plumbing Co',
    niches: ['plumbing', 'hvac'],
    regions: ['CA', 'NY', 'TX'],
    caps: [20, 80, 250],
    prices: { plumbing: '22', hvac: '28' },
    credits: '1000',
  },
  { workspace: 'SunPeak Solar', niches: ['solar'], regions: ['CA', 'AZ', 'NV', 'TX'], caps: [10, 40, 150], prices: {}, credits: '500' },
  { workspace: 'Summit Roofing', niches: ['roofing'], regions: [], caps: [15, 60, 200], prices: { roofing: '35' }, credits: '500' },
];

export async function seedDemoRouting(pool: pg.Pool, now: Date): Promise<void> {
  const ledger = new LedgerService(pool);
  for (const n of DEMO_NICHES) {
    await pool.query(
      `INSERT INTO niches (slug, name, description, sic_codes, default_price) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING`,
      [n.slug, n.name, n.description, n.sicCodes, n.defaultPrice],
    );
  }
  const { rows: niches } = await pool.query<{ id: string; slug: NicheSlug; name: string; sicCodes: string[] }>(
    `SELECT id, slug, name, sic_codes AS "sicCodes" FROM niches`,
  );
  const nicheBySlug = new Map(niches.map((n) => [n.slug, n]));

  for (const p of DEMO_PROFILES) {
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM workspaces WHERE name = $1 AND kind = 'PROVIDER'`, [p.workspace]);
    const workspaceId = rows[0]?.id;
    if (!workspaceId) continue;
    await pool.query(
      `INSERT INTO provider_profiles (workspace_id, niche_ids, sic_codes, countries, regions, postal_prefixes, cap_per_day, cap_per_week, cap_per_month)
       VALUES ($1, $2::uuid[], '{}', ARRAY['US'], $3, '{}', $4, $5, $6) ON CONFLICT (workspace_id) DO NOTHING`,
      [workspaceId, p.niches.map((slug) => nicheBySlug.get(slug)!.id), p.regions, ...p.caps],
    );
    for (const [slug, price] of Object.entries(p.prices)) {
      await pool.query(
        `INSERT INTO provider_niche_prices (workspace_id, niche_id, price) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, niche_id) DO NOTHING`,
        [workspaceId, nicheBySlug.get(slug as NicheSlug)!.id, price],
      );
    }
    // CreditsService.grantBonus's posting, with a fixed key so a second seed grants nothing.
    await ledger.post({
      idempotencyKey: `demo:provider-credits:${workspaceId}`,
      kind: 'CREDIT_BONUS',
      description: 'Demo credits',
      details: { workspaceId },
      postings: transfer(accounts.creditsIssued, accounts.workspaceCredits(workspaceId), p.credits),
    });
  }
  await seedDemoRequest(pool, ledger, nicheBySlug.get('plumbing')!, now);
}

/** Jamie's leaking water heater, confirmed and routed to Bright Plumbing 20 minutes ago. */
async function seedDemoRequest(
  pool: pg.Pool,
  ledger: LedgerService,
  niche: { id: string; name: string; sicCodes: string[] },
  now: Date,
): Promise<void> {
  const { rows: people } = await pool.query<{ userId: string; workspaceId: string | null; existing: boolean }>(
    `SELECT u.id AS "userId", (SELECT id FROM workspaces WHERE name = 'Bright Plumbing Co') AS "workspaceId",
            EXISTS (SELECT 1 FROM service_requests r WHERE r.user_id = u.id) AS existing
       FROM users u WHERE u.email = 'jamie@example.test'`,
  );
  const jamie = people[0];
  if (!jamie?.workspaceId || jamie.existing) return;
  const deliveredAt = new Date(now.getTime() - 20 * 60_000);
  const confirmedAt = new Date(deliveredAt.getTime() - 60_000);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO service_requests (niche_id, user_id, name, email, phone, country, region, city, postal_code, details, hide_email,
                                   consent_at, consent_wording, consent_version, status, confirmed_at, routing_attempts, created_at)
     VALUES ($1, $2, 'Jamie Consumer', 'jamie@example.test', '+14155550123', 'US', 'CA', 'San Francisco', '94110', $3, true,
             $4, $5, $6, 'ROUTING', $7, 0, $4) RETURNING id`,
    [
      niche.id,
      jamie.userId,
      'The water heater in our garage is leaking from the bottom and the pilot light keeps going out. ' +
        'It is a 50-gallon gas unit, about 12 years old. Looking for a repair or replacement quote this week.',
      new Date(confirmedAt.getTime() - 5 * 60_000),
      CONSENT.wording,
      CONSENT.version,
      confirmedAt,
    ],
  );
  const request = {
    id: rows[0]!.id,
    nicheId: niche.id,
    nicheName: niche.name,
    nicheSicCodes: niche.sicCodes,
    userId: jamie.userId,
    status: 'ROUTING',
    country: 'US',
    region: 'CA',
    postalCode: '94110',
    confirmedAt,
  };
  const details = {
    fit: 1.1,
    exactNiche: true,
    regionListed: true,
    postalPrefixMatched: false,
    medianResponseSeconds: null,
    responseFactor: 0.9,
    disputeRate: 0,
    disputeFactor: 1,
    score: 0.99,
  };
  const { rows: price } = await pool.query<{ price: string }>(
    `SELECT COALESCE(pp.price, n.default_price)::text AS price FROM niches n
       LEFT JOIN provider_niche_prices pp ON pp.niche_id = n.id AND pp.workspace_id = $1 WHERE n.id = $2`,
    [jamie.workspaceId, niche.id],
  );
  const delivered = await deliverRequest(
    pool,
    { request, workspaceId: jamie.workspaceId, price: price[0]!.price, details, max: 3, now: deliveredAt },
    {
      // CreditsService.spend's posting (the seed has no platform to build the service on).
      spend: (input, sql) =>
        ledger.post(
          {
            idempotencyKey: input.idempotencyKey,
            kind: 'CREDIT_SPEND',
            description: input.description,
            details: { workspaceId: input.workspaceId, ...input.details },
            postings: transfer(accounts.workspaceCredits(input.workspaceId), accounts.creditsRedeemed, input.credits),
          },
          sql,
        ),
      // The demo workspaces register no webhook endpoints.
      enqueueWebhook: () => Promise.resolve([]),
    },
  );
  // One attempt made. When it delivered nothing (Bright Plumbing paused, out of credits, …) the request
  // waits for the hourly retry like any other, instead of staying ROUTING with no next attempt.
  await pool.query(`UPDATE service_requests SET routing_attempts = 1, next_routing_at = $2 WHERE id = $1`, [
    request.id,
    'skipped' in delivered ? new Date(now.getTime() + ROUTING_RETRY_MS) : null,
  ]);
  await recordAuditSql(pool, 'SYSTEM', {
    action: 'routing.decided',
    targetType: 'ServiceRequest',
    targetId: request.id,
    details: {
      trigger: 'SEED',
      nicheId: niche.id,
      result: 'skipped' in delivered ? 'ROUTING' : 'ROUTED',
      chosen: 'skipped' in delivered ? [] : [jamie.workspaceId],
      candidates: [{ workspaceId: jamie.workspaceId, outcome: 'skipped' in delivered ? 'skipped' : 'delivered', score: details.score }],
    },
  });
}
