import { money } from '@hotlead/domain';
// Demo money: welcome credits in the buyer workspaces, and commissions on past sales of the partner
// orgs' leads (some still in holdback, some available), with a sandbox payout account for the first
// partner org, so the wallet, earnings and payout pages have something to show on first start.
import type pg from 'pg';
import { withTransaction } from '../platform/db/sql.js';
import { EarningsService } from '../modules/money/earnings.service.js';
import { accounts } from '../modules/money/ledger.accounts.js';
import { LedgerService, transfer } from '../modules/money/ledger.service.js';

export const DEMO_WELCOME_CREDITS = '2500';

export async function seedDemoMoney(pool: pg.Pool, now: Date): Promise<void> {
  const ledger = new LedgerService(pool);
  const earnings = new EarningsService(pool, ledger);

  const { rows: buyers } = await pool.query<{ id: string }>(`SELECT id FROM workspaces WHERE kind = 'BUYER' ORDER BY created_at`);
  for (const { id } of buyers) {
    await ledger.post({
      idempotencyKey: `demo:welcome-credits:${id}`,
      kind: 'CREDIT_BONUS',
      description: 'Welcome credits',
      details: { workspaceId: id },
      postings: transfer(accounts.creditsIssued, accounts.workspaceCredits(id), DEMO_WELCOME_CREDITS),
    });
  }

  // Partner stats the commission bonuses read (the supply pipeline maintains them from here on).
  await pool.query(
    `UPDATE partner_orgs p SET leads_uploaded_total = s.n,
            verification_pass_rate = round(100.0 * s.valid / greatest(s.n, 1), 2)
       FROM (SELECT partner_org_id, count(*) AS n, count(*) FILTER (WHERE verification_status = 'VALID') AS valid
               FROM leads WHERE partner_org_id IS NOT NULL GROUP BY partner_org_id) s
      WHERE s.partner_org_id = p.id`,
  );

  // Past exclusive sales (list price × 5, the product's exclusive option) over the last five weeks:
  // some commissions still in holdback, some available. The first partner org (the demo login) sells
  // 480 leads, which takes it above the $50 payout minimum; the others 120.
  const { rows: sold } = await pool.query<{ id: string; list_price: string; rn: number; n: number }>(
    `SELECT id, list_price::text AS list_price, rn, n FROM (
       SELECT l.id, l.list_price, row_number() OVER (PARTITION BY l.partner_org_id ORDER BY l.id) AS rn,
              CASE WHEN p.created_at = (SELECT min(created_at) FROM partner_orgs) THEN 480 ELSE 120 END AS n
         FROM leads l JOIN partner_orgs p ON p.id = l.partner_org_id) t
      WHERE rn <= n`,
  );
  await withTransaction(pool, async (tx) => {
    for (const lead of sold) {
      const soldAt = new Date(now.getTime() - (lead.rn * 35 * 86_400_000) / lead.n);
      await earnings.recordLeadSale(
        { saleRef: `demo:sale:${lead.id}`, leadId: lead.id, salePrice: money.multiply(lead.list_price, '5'), soldAt },
        tx,
      );
    }
  });
  await earnings.releaseDue(now);

  const { rows: orgs } = await pool.query<{ id: string }>('SELECT id FROM partner_orgs ORDER BY created_at LIMIT 1');
  const first = orgs[0];
  if (first) {
    const accountId = `acct_sbx_demo${first.id.replace(/-/g, '').slice(0, 16)}`;
    await pool.query(`INSERT INTO sandbox_objects (id, type, data) VALUES ($1, 'account', $2::jsonb) ON CONFLICT DO NOTHING`, [
      accountId,
      JSON.stringify({
        id: accountId,
        object: 'account',
        type: 'express',
        details_submitted: true,
        payouts_enabled: true,
        metadata: { partnerOrgId: first.id },
      }),
    ]);
    await pool.query(
      `INSERT INTO payout_accounts (partner_org_id, provider, account_id, status, details_submitted, payouts_enabled)
       VALUES ($1, 'SANDBOX', $2, 'ACTIVE', true, true) ON CONFLICT DO NOTHING`,
      [first.id, accountId],
    );
  }
}
