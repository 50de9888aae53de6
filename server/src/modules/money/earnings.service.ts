// Partner earnings: commissions on lead sales (seed 000 §8.1), bonuses, program commissions and data-pack
// shares. Each earning is a row (for the breakdown and statements) and ledger entries (for the money):
// recorded as pending, released to available by a scheduled job when its holdback or net-30 date
// passes, and reversed on refund or a confirmed bad lead: inside the holdback the pending amount is
// cancelled; after it, the available balance goes down (below zero if need be) and later earnings
// recover it.
import {
  calculateCommission,
  csvCell,
  earningAvailableAt,
  money,
  STREAM_OF_EARNING,
  type CommissionBonus,
  type EarningType,
  type PayoutStream,
} from '@hotlead/domain';
import type pg from 'pg';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import { accounts } from './ledger.accounts.js';
import { transfer, type LedgerService, type PostingInput } from './ledger.service.js';

export const RELEASE_JOB = 'earnings.release';
const STREAMS: PayoutStream[] = ['LEAD_SALES', 'PROGRAM', 'DATA_PACKS'];

export interface EarningRow {
  id: string;
  partnerOrgId: string;
  type: EarningType;
  stream: PayoutStream;
  sourceRef: string;
  leadId: string | null;
  description: string;
  saleAmount: string | null;
  rate: string | null;
  bonuses: string[];
  amount: string;
  status: 'PENDING' | 'AVAILABLE' | 'PAID' | 'REVERSED';
  earnedAt: Date;
  availableAt: Date;
  reversedAt: Date | null;
  reversalReason: string | null;
  payoutId: string | null;
}

const EARNING_COLUMNS = `id, partner_org_id AS "partnerOrgId", type, stream, source_ref AS "sourceRef", lead_id AS "leadId", description,
  sale_amount::text AS "saleAmount", rate::text AS "rate", bonuses, amount::text AS amount, status, earned_at AS "earnedAt",
  available_at AS "availableAt", reversed_at AS "reversedAt", reversal_reason AS "reversalReason", payout_id AS "payoutId"`;

export interface EarningFilter {
  type?: EarningType | null;
  status?: EarningRow['status'] | null;
}

export interface EarningsSummary {
  pending: string;
  available: string;
  inTransit: string;
  paid: string;
  byStream: { stream: PayoutStream; pending: string; available: string }[];
}

export class EarningsService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Records something a partner earned, once per `sourceRef`, as pending in the ledger. Returns null when
   * the same source was recorded before.
   */
  async record(
    input: {
      partnerOrgId: string;
      type: EarningType;
      sourceRef: string;
      description: string;
      amount: string;
      earnedAt: Date;
      leadId?: string | null;
      saleAmount?: string | null;
      rate?: string | null;
      bonuses?: CommissionBonus[];
    },
    sql: Sql = this.pool,
  ): Promise<EarningRow | null> {
    if (money.compare(input.amount, '0') < 0) throw new RangeError('an earning cannot be negative');
    const stream = STREAM_OF_EARNING[input.type];
    const { rows } = await sql.query<EarningRow>(
      `INSERT INTO partner_earnings (partner_org_id, type, stream, source_ref, lead_id, description, sale_amount, rate, bonuses, amount, earned_at, available_at)
       VALUES ($1, $2::"EarningType", $3::"PayoutStream", $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (source_ref) DO NOTHING RETURNING ${EARNING_COLUMNS}`,
      [
        input.partnerOrgId,
        input.type,
        stream,
        input.sourceRef,
        input.leadId ?? null,
        input.description,
        input.saleAmount ?? null,
        input.rate ?? null,
        input.bonuses ?? [],
        input.amount,
        input.earnedAt,
        earningAvailableAt(input.type, input.earnedAt),
      ],
    );
    const earning = rows[0];
    if (!earning) return null;
    if (money.compare(earning.amount, '0') > 0) {
      await this.ledger.post(
        {
          idempotencyKey: `earning:${earning.id}`,
          kind: 'COMMISSION',
          description: input.description,
          details: { partnerOrgId: input.partnerOrgId, earningId: earning.id, type: input.type, sourceRef: input.sourceRef },
          postings: transfer(accounts.platformRevenue, accounts.partnerPending(input.partnerOrgId, stream), earning.amount),
        },
        sql,
      );
    }
    return earning;
  }

  /**
   * The commissions on the leads of one purchase (the marketplace calls this inside its purchase
   * transaction): one partner_earnings row per partner-owned lead, inserted in one statement, and one
   * ledger entry for all of them (`saleRef:commissions`), so a 1,000-lead purchase costs a handful of
   * statements. Each earning stays reversible on its own (see reversal). Platform-owned leads earn
   * nothing; sales recorded before are skipped.
   */
  async recordLeadSales(
    input: { saleRef: string; soldAt: Date; lines: { leadId: string; salePrice: string; sourceRef?: string }[] },
    sql: Sql = this.pool,
  ): Promise<EarningRow[]> {
    if (input.lines.length === 0) return [];
    const { rows: leads } = await sql.query<{
      id: string;
      partner_org_id: string;
      uploaded_at: Date;
      base_rate: string;
      pass_rate: string | null;
      uploaded_total: number;
      company_name: string | null;
    }>(
      `SELECT l.id, l.partner_org_id, l.created_at AS uploaded_at, p.base_commission_rate::text AS base_rate,
              p.verification_pass_rate::text AS pass_rate, p.leads_uploaded_total AS uploaded_total, l.company_name
         FROM leads l JOIN partner_orgs p ON p.id = l.partner_org_id WHERE l.id = ANY($1::uuid[])`,
      [input.lines.map((l) => l.leadId)],
    );
    const lineOf = new Map(input.lines.map((l) => [l.leadId, l]));
    const earnings = leads.map((lead) => {
      const line = lineOf.get(lead.id)!;
      const salePrice = line.salePrice;
      const commission = calculateCommission({
        salePrice,
        baseRate: lead.base_rate,
        leadUploadedAt: lead.uploaded_at,
        soldAt: input.soldAt,
        verificationPassRate: lead.pass_rate,
        totalLeadsUploaded: lead.uploaded_total,
      });
      return {
        partnerOrgId: lead.partner_org_id,
        sourceRef: line.sourceRef ?? `${input.saleRef}:${lead.id}`,
        leadId: lead.id,
        description: `Commission on a lead sale${lead.company_name ? ` (${lead.company_name})` : ''}`,
        salePrice,
        ...commission,
      };
    });
    if (earnings.length === 0) return [];
    const stream = STREAM_OF_EARNING.LEAD_SALE;
    const { rows } = await sql.query<EarningRow>(
      `INSERT INTO partner_earnings (partner_org_id, type, stream, source_ref, lead_id, description, sale_amount, rate, bonuses, amount, earned_at, available_at)
       SELECT t.partner_org_id, 'LEAD_SALE', $1::"PayoutStream", t.source_ref, t.lead_id, t.description, t.sale_amount, t.rate,
              ARRAY(SELECT jsonb_array_elements_text(t.bonuses)), t.amount, $2, $3
         FROM unnest($4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::numeric[], $9::numeric[], $10::jsonb[], $11::numeric[])
              AS t(partner_org_id, source_ref, lead_id, description, sale_amount, rate, bonuses, amount)
       ON CONFLICT (source_ref) DO NOTHING RETURNING ${EARNING_COLUMNS}`,
      [
        stream,
        input.soldAt,
        earningAvailableAt('LEAD_SALE', input.soldAt),
        earnings.map((e) => e.partnerOrgId),
        earnings.map((e) => e.sourceRef),
        earnings.map((e) => e.leadId),
        earnings.map((e) => e.description),
        earnings.map((e) => e.salePrice),
        earnings.map((e) => e.rate),
        earnings.map((e) => JSON.stringify(e.bonuses)),
        earnings.map((e) => e.amount),
      ],
    );
    const perPartner = new Map<string, string>();
    for (const e of rows) perPartner.set(e.partnerOrgId, money.add(perPartner.get(e.partnerOrgId) ?? '0', e.amount));
    const postings = [...perPartner]
      .filter(([, amount]) => money.compare(amount, '0') > 0)
      .flatMap(([partnerOrgId, amount]) => transfer(accounts.platformRevenue, accounts.partnerPending(partnerOrgId, stream), amount));
    if (postings.length > 0) {
      await this.ledger.post(
        {
          idempotencyKey: `${input.saleRef}:commissions`,
          kind: 'COMMISSION',
          description: `Commissions on ${rows.length} lead sale${rows.length === 1 ? '' : 's'}`,
          details: { saleRef: input.saleRef, earnings: rows.length, partnerOrgIds: [...perPartner.keys()] },
          postings,
        },
        sql,
      );
    }
    return rows;
  }

  /** The commission on one sold lead, recorded under `saleRef` itself. */
  async recordLeadSale(
    input: { saleRef: string; leadId: string; salePrice: string; soldAt: Date },
    sql: Sql = this.pool,
  ): Promise<EarningRow | null> {
    const [earning] = await this.recordLeadSales(
      {
        saleRef: input.saleRef,
        soldAt: input.soldAt,
        lines: [{ leadId: input.leadId, salePrice: input.salePrice, sourceRef: input.saleRef }],
      },
      sql,
    );
    return earning ?? null;
  }

  /**
   * What reversing an earning takes (refund, chargeback, confirmed bad lead): the postings, and the
   * earning marked reversed. Inside the holdback the pending amount is cancelled; after it, the
   * stream's available balance is reduced, below zero if it was already paid. The caller posts the
   * postings, alone or in an entry with others (a bad-lead refund gives the credits back in the same
   * entry). Null when there is nothing to reverse.
   */
  async reversal(sourceRef: string, reason: string, sql: Sql): Promise<{ earning: EarningRow; postings: PostingInput[] } | null> {
    const { rows } = await sql.query<EarningRow>(`SELECT ${EARNING_COLUMNS} FROM partner_earnings WHERE source_ref = $1 FOR UPDATE`, [
      sourceRef,
    ]);
    const earning = rows[0];
    if (!earning || earning.status === 'REVERSED') return null;
    const from =
      earning.status === 'PENDING'
        ? accounts.partnerPending(earning.partnerOrgId, earning.stream)
        : accounts.partnerAvailable(earning.partnerOrgId, earning.stream);
    await sql.query(`UPDATE partner_earnings SET status = 'REVERSED', reversed_at = now(), reversal_reason = $2 WHERE id = $1`, [
      earning.id,
      reason,
    ]);
    return { earning, postings: money.compare(earning.amount, '0') > 0 ? transfer(from, accounts.platformRevenue, earning.amount) : [] };
  }

  /** Reverses an earning in an entry of its own. */
  async reverse(sourceRef: string, reason: string, sql: Sql): Promise<'reversed' | 'already' | 'unknown'> {
    const reversal = await this.reversal(sourceRef, reason, sql);
    if (!reversal) {
      const { rowCount } = await sql.query(`SELECT 1 FROM partner_earnings WHERE source_ref = $1`, [sourceRef]);
      return rowCount ? 'already' : 'unknown';
    }
    const { earning, postings } = reversal;
    if (postings.length > 0) {
      await this.ledger.post(
        {
          idempotencyKey: `earning:${earning.id}:reversal`,
          kind: 'COMMISSION_REVERSAL',
          description: `Reversed: ${earning.description} (${reason})`,
          details: { partnerOrgId: earning.partnerOrgId, earningId: earning.id, reason, inHoldback: earning.status === 'PENDING' },
          postings,
        },
        sql,
      );
    }
    return 'reversed';
  }

  /**
   * The scheduled job: moves every earning whose date has come from pending to available (of one
   * partner org only, when given: a payout request needs no more).
   */
  async releaseDue(now = new Date(), partnerOrgId: string | null = null): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await withTransaction(this.pool, async (tx) => {
        const { rows } = await tx.query<EarningRow>(
          `SELECT ${EARNING_COLUMNS} FROM partner_earnings
            WHERE status = 'PENDING' AND available_at <= $1 AND ($2::uuid IS NULL OR partner_org_id = $2)
            ORDER BY available_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
          [now, partnerOrgId],
        );
        for (const earning of rows) {
          if (money.compare(earning.amount, '0') > 0) {
            await this.ledger.post(
              {
                idempotencyKey: `earning:${earning.id}:release`,
                kind: 'COMMISSION_RELEASE',
                description: `Available: ${earning.description}`,
                details: { partnerOrgId: earning.partnerOrgId, earningId: earning.id },
                postings: transfer(
                  accounts.partnerPending(earning.partnerOrgId, earning.stream),
                  accounts.partnerAvailable(earning.partnerOrgId, earning.stream),
                  earning.amount,
                ),
              },
              tx,
            );
          }
          await tx.query(`UPDATE partner_earnings SET status = 'AVAILABLE', released_at = now() WHERE id = $1`, [earning.id]);
        }
        return rows.length;
      });
      released += batch;
      if (batch < 200) return released;
    }
  }

  async summary(partnerOrgId: string): Promise<EarningsSummary> {
    const specs = STREAMS.flatMap((s) => [accounts.partnerPending(partnerOrgId, s), accounts.partnerAvailable(partnerOrgId, s)]);
    const balances = await this.ledger.balances([...specs, accounts.partnerPaid(partnerOrgId)]);
    const { rows } = await this.pool.query<{ total: string | null }>(
      `SELECT sum(amount)::text AS total FROM payouts WHERE partner_org_id = $1 AND status = 'RESERVED'`,
      [partnerOrgId],
    );
    const byStream = STREAMS.map((stream) => ({
      stream,
      pending: balances.get(accounts.partnerPending(partnerOrgId, stream).code)!,
      available: balances.get(accounts.partnerAvailable(partnerOrgId, stream).code)!,
    }));
    return {
      pending: money.add(...byStream.map((s) => s.pending)),
      available: money.add(...byStream.map((s) => s.available)),
      inTransit: money.add(rows[0]?.total ?? '0'),
      paid: balances.get(accounts.partnerPaid(partnerOrgId).code)!,
      byStream,
    };
  }

  /** Newest first, keyset-paged by (earned_at, id). */
  async list(partnerOrgId: string, page: { first: number; after?: { earnedAt: Date; id: string } | null } & EarningFilter) {
    const { rows } = await this.pool.query<EarningRow>(
      `SELECT ${EARNING_COLUMNS} FROM partner_earnings
        WHERE partner_org_id = $1 AND ($2::"EarningType" IS NULL OR type = $2::"EarningType")
          AND ($3::"EarningStatus" IS NULL OR status = $3::"EarningStatus")
          AND ($4::timestamptz IS NULL OR (earned_at, id) < ($4::timestamptz, $5::uuid))
        ORDER BY earned_at DESC, id DESC LIMIT $6`,
      [partnerOrgId, page.type ?? null, page.status ?? null, page.after?.earnedAt ?? null, page.after?.id ?? null, page.first],
    );
    return rows;
  }

  async count(partnerOrgId: string, filter: EarningFilter, cap = 10_000): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM partner_earnings WHERE partner_org_id = $1
         AND ($2::"EarningType" IS NULL OR type = $2::"EarningType")
         AND ($3::"EarningStatus" IS NULL OR status = $3::"EarningStatus") LIMIT $4) t`,
      [partnerOrgId, filter.type ?? null, filter.status ?? null, cap + 1],
    );
    return rows[0]!.n;
  }

  /** Earnings and payouts in [from, to): the partner's statement, as CSV or JSON. */
  async statement(
    partnerOrgId: string,
    from: Date,
    to: Date,
    format: 'CSV' | 'JSON',
  ): Promise<{ filename: string; contentType: string; content: string }> {
    const { rows: earnings } = await this.pool.query<EarningRow>(
      `SELECT ${EARNING_COLUMNS} FROM partner_earnings WHERE partner_org_id = $1 AND earned_at >= $2 AND earned_at < $3 ORDER BY earned_at, id`,
      [partnerOrgId, from, to],
    );
    const { rows: payouts } = await this.pool.query<{
      id: string;
      stream: string;
      amount: string;
      status: string;
      created_at: Date;
      paid_at: Date | null;
      transfer_id: string | null;
    }>(
      `SELECT id, stream, amount::text AS amount, status, created_at, paid_at, transfer_id FROM payouts
        WHERE partner_org_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id`,
      [partnerOrgId, from, to],
    );
    const earned = money.add('0', ...earnings.filter((e) => e.status !== 'REVERSED').map((e) => e.amount));
    const reversed = money.add('0', ...earnings.filter((e) => e.status === 'REVERSED').map((e) => e.amount));
    const paidOut = money.add('0', ...payouts.filter((p) => p.status === 'PAID').map((p) => p.amount));
    const period = `${from.toISOString().slice(0, 10)}_${to.toISOString().slice(0, 10)}`;
    if (format === 'JSON') {
      const content = JSON.stringify(
        {
          partnerOrgId,
          period: { from: from.toISOString(), to: to.toISOString() },
          totals: { earned, reversed, paidOut },
          earnings: earnings.map((e) => ({
            id: e.id,
            type: e.type,
            description: e.description,
            earnedAt: e.earnedAt.toISOString(),
            availableAt: e.availableAt.toISOString(),
            saleAmount: e.saleAmount,
            rate: e.rate,
            bonuses: e.bonuses,
            amount: e.amount,
            status: e.status,
            reversalReason: e.reversalReason,
          })),
          payouts: payouts.map((p) => ({
            id: p.id,
            stream: p.stream,
            amount: p.amount,
            status: p.status,
            createdAt: p.created_at.toISOString(),
            paidAt: p.paid_at?.toISOString() ?? null,
            transferId: p.transfer_id,
          })),
        },
        null,
        2,
      );
      return { filename: `hotlead-statement-${period}.json`, contentType: 'application/json', content };
    }
    const lines = ['record,date,type,description,sale_amount,rate,bonuses,amount,status'];
    for (const e of earnings) {
      lines.push(
        [
          'earning',
          e.earnedAt.toISOString(),
          e.type,
          csvCell(e.description),
          e.saleAmount ?? '',
          e.rate ?? '',
          e.bonuses.join(' '),
          e.amount,
          e.status,
        ].join(','),
      );
    }
    for (const p of payouts) {
      lines.push(
        [
          'payout',
          p.created_at.toISOString(),
          p.stream,
          csvCell(p.transfer_id ? `Transfer ${p.transfer_id}` : 'Payout'),
          '',
          '',
          '',
          money.subtract('0', p.amount),
          p.status,
        ].join(','),
      );
    }
    lines.push(['total', '', '', 'earned', '', '', '', earned, ''].join(','));
    lines.push(['total', '', '', 'reversed', '', '', '', money.subtract('0', reversed), ''].join(','));
    lines.push(['total', '', '', 'paid out', '', '', '', money.subtract('0', paidOut), ''].join(','));
    return { filename: `hotlead-statement-${period}.csv`, contentType: 'text/csv', content: `${lines.join('\n')}\n` };
  }
}
