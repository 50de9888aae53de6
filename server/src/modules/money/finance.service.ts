// The admin's view of the money: the financial dashboard, derived from the ledger alone, and every
// journal entry with its postings.
import { money } from '@hotlead/domain';
import type { Platform } from '../../platform/platform.js';

export interface FinanceSummary {
  from: Date | null;
  to: Date | null;
  /** Card and credit-package sales in USD. */
  grossRevenue: string;
  /** Money given back (refunds and chargebacks). */
  refunds: string;
  /** Credits sold in packages (net of reversals). */
  creditsSold: string;
  creditsOutstanding: string;
  /** Partner commissions and bonuses earned, net of reversals. */
  commissions: string;
  netRevenue: string;
  /** Owed to partners: in holdback, available, and sent but not yet confirmed. */
  pendingHoldback: string;
  availableToPartners: string;
  payoutsInTransit: string;
  paidOut: string;
}

export interface JournalEntryRow {
  id: string;
  idempotencyKey: string;
  kind: string;
  description: string;
  details: Record<string, unknown>;
  createdAt: Date;
  postings: { accountCode: string; accountKind: string; asset: string; amount: string }[];
}

export class FinanceService {
  constructor(private readonly platform: Platform) {}

  private get pool() {
    return this.platform.database.pool;
  }

  async summary(from: Date | null, to: Date | null): Promise<FinanceSummary> {
    // Sums of postings by entry kind and account kind, in the period (or all time).
    const { rows } = await this.pool.query<{ entry_kind: string; account_kind: string; total: string }>(
      `SELECT e.kind AS entry_kind, a.kind AS account_kind, sum(p.amount)::text AS total
         FROM ledger_postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
        WHERE ($1::timestamptz IS NULL OR p.created_at >= $1) AND ($2::timestamptz IS NULL OR p.created_at < $2)
        GROUP BY e.kind, a.kind`,
      [from, to],
    );
    const sum = (entryKinds: string[], accountKind: string) =>
      money.add('0', ...rows.filter((r) => entryKinds.includes(r.entry_kind) && r.account_kind === accountKind).map((r) => r.total));
    const grossRevenue = sum(['CREDIT_PURCHASE'], 'PLATFORM_REVENUE');
    const refunds = money.subtract('0', sum(['CREDIT_PURCHASE_REVERSAL'], 'PLATFORM_REVENUE'));
    const commissions = money.subtract('0', sum(['COMMISSION', 'COMMISSION_REVERSAL', 'LEAD_REFUND'], 'PLATFORM_REVENUE'));
    const creditsSold = money.add(sum(['CREDIT_PURCHASE'], 'WORKSPACE_CREDITS'), sum(['CREDIT_PURCHASE_REVERSAL'], 'WORKSPACE_CREDITS'));

    // Balances now, whatever the period.
    const { rows: balances } = await this.pool.query<{ kind: string; total: string }>(
      `SELECT kind, sum(balance)::text AS total FROM ledger_accounts
        WHERE kind IN ('PARTNER_PENDING', 'PARTNER_AVAILABLE', 'PAYOUTS_IN_TRANSIT', 'PARTNER_PAID', 'WORKSPACE_CREDITS', 'WORKSPACE_CREDITS_RESERVED') GROUP BY kind`,
    );
    const balanceOf = (kind: string) => money.add(balances.find((b) => b.kind === kind)?.total ?? '0');
    return {
      from,
      to,
      grossRevenue,
      refunds,
      creditsSold,
      // Credits held for a card payment under way are still the buyer's.
      creditsOutstanding: money.add(balanceOf('WORKSPACE_CREDITS'), balanceOf('WORKSPACE_CREDITS_RESERVED')),
      commissions,
      netRevenue: money.subtract(money.subtract(grossRevenue, refunds), commissions),
      pendingHoldback: balanceOf('PARTNER_PENDING'),
      availableToPartners: balanceOf('PARTNER_AVAILABLE'),
      payoutsInTransit: balanceOf('PAYOUTS_IN_TRANSIT'),
      paidOut: balanceOf('PARTNER_PAID'),
    };
  }

  /** How many entries match the filter, counted up to `cap` + 1. */
  async countEntries(filter: { kind?: string | null; accountCode?: string | null }, cap = 10_000): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM journal_entries e
          WHERE ($1::text IS NULL OR e.kind = $1)
            AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = e.id AND a.code = $2))
          LIMIT $3) t`,
      [filter.kind ?? null, filter.accountCode ?? null, cap + 1],
    );
    return rows[0]!.n;
  }

  /** Journal entries newest first, keyset-paged by (created_at, id); optionally of one kind or touching one account. */
  async entries(filter: {
    kind?: string | null;
    accountCode?: string | null;
    first: number;
    after?: { createdAt: Date; id: string } | null;
  }): Promise<JournalEntryRow[]> {
    const { rows } = await this.pool.query<{
      id: string;
      idempotency_key: string;
      kind: string;
      description: string;
      details: Record<string, unknown>;
      created_at: Date;
      postings: { accountCode: string; accountKind: string; asset: string; amount: string }[];
    }>(
      `SELECT e.id, e.idempotency_key, e.kind, e.description, e.details, e.created_at,
              (SELECT json_agg(json_build_object('accountCode', a.code, 'accountKind', a.kind, 'asset', p.asset, 'amount', p.amount::text) ORDER BY p.id)
                 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = e.id) AS postings
         FROM journal_entries e
        WHERE ($1::text IS NULL OR e.kind = $1)
          AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = e.id AND a.code = $2))
          AND ($3::timestamptz IS NULL OR (e.created_at, e.id) < ($3::timestamptz, $4::uuid))
        ORDER BY e.created_at DESC, e.id DESC LIMIT $5`,
      [filter.kind ?? null, filter.accountCode ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.first],
    );
    return rows.map((r) => ({
      id: r.id,
      idempotencyKey: r.idempotency_key,
      kind: r.kind,
      description: r.description,
      details: r.details,
      createdAt: r.created_at,
      postings: (r.postings ?? []).map((p) => ({ ...p, amount: money.add(p.amount) })),
    }));
  }
}
