// Buying 1,000 leads with credits (issue 5): the purchase through GraphQL over HTTP — leads locked,
// 1,000 items, the ledger spend, sold counts, 1,000 commissions and their ledger entry, in one
// transaction — and then the time until its CSV is ready (the export job, with the workers running in
// the API process as in local mode). Baselines in the same run: the same 1,000 item rows and
// sold-count updates written bare in one transaction, and the purchase's leads read in one SELECT.
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { migrateDeploy } from '../src/platform/db/migrate.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { recreateDatabase, round } from './util.js';

export const PURCHASE_LEADS = 1_000;
export const PURCHASE_RUNS = 10;
const BENCH_PURCHASE_DATABASE = 'hotlead_bench_purchase';

export interface PurchaseBenchResult {
  purchase: { p50Ms: number; p95Ms: number; maxMs: number };
  csvReady: { p50Ms: number; p95Ms: number; maxMs: number };
  bareWrite: { p50Ms: number; p95Ms: number };
  selectOut: { p50Ms: number; p95Ms: number };
  ratioToBareWrite: number;
  database: string;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!, 1);
}
const figures = (v: number[]) => ({ p50Ms: percentile(v, 50), p95Ms: percentile(v, 95), maxMs: round(Math.max(...v), 1) });

const BUY = `mutation($input: LeadsPurchaseInput!) { leadsPurchase(input: $input) { purchase { id status leadCount } userErrors { code message } } }`;

export async function benchPurchase(log: (line: string) => void): Promise<PurchaseBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const serverUrl = config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench'));
    await recreateDatabase(serverUrl, BENCH_PURCHASE_DATABASE);
    const url = withDatabase(serverUrl, BENCH_PURCHASE_DATABASE);
    await migrateDeploy(url);
    const api = await startApi(config, url, createLogger('silent'), { runWorkers: true });
    try {
      const pool = api.platform.database.pool;
      const { prisma } = api.platform;
      // Inventory: four partners' listed, verified leads, enough for every run to buy different ones.
      const total = (PURCHASE_RUNS + 2) * PURCHASE_LEADS;
      await pool.query(`INSERT INTO industries (slug, name, sic_codes) VALUES ('bench', 'Bench', '{}') ON CONFLICT DO NOTHING`);
      const partners: string[] = [];
      for (let p = 0; p < 4; p++) {
        const org = await prisma.partnerOrg.create({ data: { name: `Bench partner ${p}`, slug: `bench-partner-${p}-${Date.now()}` } });
        partners.push(org.id);
      }
      await pool.query(
        `INSERT INTO leads (owner_kind, partner_org_id, first_name, last_name, company_name, industry_id, country, source, collected_at,
                            lawful_basis, email, phone, job_title, list_price, status, verification_status, verified_at, intent_score, freshness_score)
         SELECT 'PARTNER', ($1::uuid[])[1 + g % 4], 'First' || g, 'Last' || g, 'Company ' || g, (SELECT id FROM industries WHERE slug = 'bench'),
                'US', 'bench', now(), 'legitimate interest', 'person' || g || '@bench-company-' || g || '.com', '+1512' || lpad(g::text, 7, '0'),
                'VP Sales', 1 + (g % 200) / 100.0, 'LISTED', 'VALID', now(), 50 + g % 50, 80
           FROM generate_series(1, $2) AS g`,
        [partners, total],
      );
      const { rows: leadRows } = await pool.query<{ id: string }>(`SELECT id FROM leads ORDER BY id`);
      log(`purchase: ${leadRows.length.toLocaleString('en-US')} listed leads ready`);

      const purchases: number[] = [];
      const csv: number[] = [];
      const bare: number[] = [];
      const selectRows: number[] = [];
      for (let run = 0; run <= PURCHASE_RUNS; run++) {
        const warmUp = run === 0;
        const ids = leadRows.slice(run * PURCHASE_LEADS, (run + 1) * PURCHASE_LEADS).map((r) => r.id);
        const user = await prisma.user.create({
          data: { email: `bench-buyer-${run}-${Date.now()}@example.test`, name: 'Bench', passwordHash: 'x' },
        });
        const ws = await prisma.workspace.create({
          data: {
            name: `Bench buyer ${run}`,
            slug: `bench-buyer-${run}-${Date.now()}`,
            kind: 'BUYER',
            memberships: { create: { userId: user.id, role: 'OWNER' } },
          },
        });
        await api.services.credits.grantBonus({
          workspaceId: ws.id,
          credits: '100000',
          idempotencyKey: `bench:grant:${ws.id}`,
          description: 'bench',
        });
        const session = await api.services.sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'bench' });
        const principal = { kind: 'user' as const, userId: user.id, sessionId: session.id, platformRole: null };
        const added = await api.services.checkout.cartAdd(principal, ws.id, ids, false);
        if (!added.ok) throw new Error(JSON.stringify(added.errors));

        let t = performance.now();
        const response = await fetch(`${api.http.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({
            query: BUY,
            variables: { input: { workspaceId: toGlobalId('Workspace', ws.id), idempotencyKey: `bench-purchase-${run}-${ws.id}` } },
          }),
        });
        const body = (await response.json()) as {
          data?: { leadsPurchase: { purchase: { id: string; leadCount: number } | null; userErrors: unknown[] } };
          errors?: unknown;
        };
        const purchaseMs = performance.now() - t;
        const purchase = body.data?.leadsPurchase.purchase;
        if (!purchase || purchase.leadCount !== PURCHASE_LEADS) throw new Error(`purchase failed: ${JSON.stringify(body)}`);
        const purchaseId = Buffer.from(purchase.id, 'base64url').toString('utf8').split(':')[1]!;
        t = performance.now();
        for (;;) {
          const { rows } = await pool.query<{ export_status: string }>(`SELECT export_status FROM lead_purchases WHERE id = $1`, [
            purchaseId,
          ]);
          if (rows[0]!.export_status === 'READY') break;
          if (rows[0]!.export_status === 'FAILED') throw new Error('export failed');
          if (performance.now() - t > 60_000) throw new Error('export not ready after 60 s');
          await new Promise((r) => setTimeout(r, 20));
        }
        const csvMs = performance.now() - t;

        // Baselines: the same rows written bare (into a temporary table), and the leads read in one SELECT.
        const client = await pool.connect();
        let bareMs = 0;
        let selectMs = 0;
        try {
          t = performance.now();
          await client.query('BEGIN');
          await client.query(`CREATE TEMP TABLE bench_items (LIKE lead_purchase_items INCLUDING DEFAULTS) ON COMMIT DROP`);
          await client.query(
            `INSERT INTO bench_items (purchase_id, workspace_id, lead_id, price_usd, credits, exclusive)
             SELECT $1, $2, id, list_price, list_price * 10, false FROM leads WHERE id = ANY($3::uuid[])`,
            [purchaseId, ws.id, ids],
          );
          await client.query(`UPDATE leads SET sold_count = sold_count WHERE id = ANY($1::uuid[])`, [ids]);
          await client.query('COMMIT');
          bareMs = performance.now() - t;
          t = performance.now();
          await client.query(`SELECT l.* FROM lead_purchase_items i JOIN leads l ON l.id = i.lead_id WHERE i.purchase_id = $1`, [
            purchaseId,
          ]);
          selectMs = performance.now() - t;
        } finally {
          client.release();
        }
        if (!warmUp) {
          purchases.push(purchaseMs);
          csv.push(csvMs);
          bare.push(bareMs);
          selectRows.push(selectMs);
        }
      }
      log(`purchase: p95 ${percentile(purchases, 95)} ms; CSV ready p95 ${percentile(csv, 95)} ms`);
      return {
        purchase: figures(purchases),
        csvReady: figures(csv),
        bareWrite: { p50Ms: percentile(bare, 50), p95Ms: percentile(bare, 95) },
        selectOut: { p50Ms: percentile(selectRows, 50), p95Ms: percentile(selectRows, 95) },
        ratioToBareWrite: round(percentile(purchases, 95) / percentile(bare, 95), 1),
        database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
      };
    } finally {
      await api.stop();
    }
  } finally {
    await database.stop();
  }
}
