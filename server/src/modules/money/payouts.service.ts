// Payouts: partners' connected accounts (Stripe Connect Express, or the sandbox's) and the payout engine.
// One engine serves every earning stream on its own schedule (PAYOUT_SCHEDULES). A payout moves through
// phases recorded before each outside effect:
//   RESERVED  the amount left "available" for "in transit" (ledger) — before any money moves;
//   transfer  created at the provider with the payout's id as idempotency key and transfer group;
//   PAID      the ledger moves it from "in transit" to "paid" (or FAILED: back to "available").
// A crash between the transfer and the bookkeeping leaves the payout RESERVED; the next run finds the
// transfer by its group (or the provider replays it by idempotency key) and only does the bookkeeping.
import { money, payableAmount, PAYOUT_SCHEDULES, payoutPeriodKey, type PayoutStream } from '@hotlead/domain';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import type { Platform } from '../../platform/platform.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';
import type { EarningsService } from './earnings.service.js';
import { accounts } from './ledger.accounts.js';
import { transfer, type LedgerService } from './ledger.service.js';
import { fail, MoneyErrorCode, ok, type MoneyOutcome } from './money.errors.js';
import { PaymentDeclinedError, type PaymentGateway, type TransferState } from './payments/gateway.js';

export const EXECUTE_PAYOUT_JOB = 'payouts.execute';
export const payoutRunJob = (stream: PayoutStream) => `payouts.run.${stream.toLowerCase()}`;

export interface PayoutRow {
  id: string;
  partnerOrgId: string;
  runId: string | null;
  stream: PayoutStream;
  amount: string;
  status: 'RESERVED' | 'PAID' | 'FAILED';
  provider: 'STRIPE' | 'SANDBOX';
  destination: string;
  transferId: string | null;
  failureReason: string | null;
  requestedByUserId: string | null;
  createdAt: Date;
  paidAt: Date | null;
  failedAt: Date | null;
}

const PAYOUT_COLUMNS = `id, partner_org_id AS "partnerOrgId", run_id AS "runId", stream, amount::text AS amount, status, provider, destination,
  transfer_id AS "transferId", failure_reason AS "failureReason", requested_by_user_id AS "requestedByUserId",
  created_at AS "createdAt", paid_at AS "paidAt", failed_at AS "failedAt"`;

export interface RunSummary {
  paid: number;
  failed: number;
  skipped: { partnerOrgId: string; partnerOrgName: string; reason: string }[];
  totalPaid: string;
}

/** Fault injection for the crash tests: called between the transfer and the bookkeeping. */
export interface PayoutFaults {
  afterTransfer?: (payoutId: string) => void | Promise<void>;
}

export class PayoutsService {
  readonly faults: PayoutFaults = {};

  constructor(
    private readonly platform: Platform,
    private readonly ledger: LedgerService,
    private readonly gateway: PaymentGateway,
    private readonly earnings: EarningsService,
    private readonly partnerOrgs: PartnerOrgService,
  ) {}

  private get pool() {
    return this.platform.database.pool;
  }

  // ───────────── connected accounts ─────────────

  async account(partnerOrgId: string) {
    return this.platform.prisma.payoutAccount.findUnique({ where: { partnerOrgId } });
  }

  private async requireOwner(principal: Principal, partnerOrgId: string): Promise<MoneyOutcome<null>> {
    const { role } = await this.partnerOrgs.viewable(principal, partnerOrgId);
    if (!partnerOrgPolicy.canManagePayouts(role)) return fail(MoneyErrorCode.NOT_ALLOWED, 'Only partner org owners manage payouts.');
    return ok(null);
  }

  /** Creates the connected account on first use and returns the provider's onboarding link. */
  async startOnboarding(principal: UserPrincipal, partnerOrgId: string, requestId?: string): Promise<MoneyOutcome<{ url: string }>> {
    const allowed = await this.requireOwner(principal, partnerOrgId);
    if (!allowed.ok) return allowed;
    let account = await this.account(partnerOrgId);
    if (!account || account.provider !== this.gateway.kind) {
      const user = await this.platform.prisma.user.findUnique({ where: { id: principal.userId }, select: { email: true } });
      const created = await this.gateway.createConnectedAccount({
        partnerOrgId,
        email: user?.email ?? null,
        idempotencyKey: `connect:${partnerOrgId}:${this.gateway.kind}`,
      });
      account = await this.platform.prisma.payoutAccount.upsert({
        where: { partnerOrgId },
        create: { partnerOrgId, provider: this.gateway.kind, accountId: created.id },
        update: {
          provider: this.gateway.kind,
          accountId: created.id,
          status: 'ONBOARDING',
          detailsSubmitted: false,
          payoutsEnabled: false,
        },
      });
      await recordAudit(
        this.platform.prisma,
        principal,
        { action: 'payouts.account_create', targetType: 'PartnerOrg', targetId: partnerOrgId, partnerOrgId },
        requestId,
      );
    }
    const back = `${this.platform.config.publicUrl}/partner/payouts`;
    const link = await this.gateway.createAccountLink({
      accountId: account.accountId,
      refreshUrl: `${back}?onboarding=refresh`,
      returnUrl: `${back}?onboarding=return`,
    });
    return ok({ url: link.url });
  }

  async refreshAccount(principal: UserPrincipal, partnerOrgId: string): Promise<MoneyOutcome<null>> {
    await this.partnerOrgs.viewable(principal, partnerOrgId);
    const account = await this.account(partnerOrgId);
    if (!account) return fail(MoneyErrorCode.PAYOUT_ACCOUNT_MISSING, 'Connect a payout account first.');
    await this.syncAccount(account.accountId, this.pool);
    return ok(null);
  }

  /** Re-reads a connected account at the provider and stores its status. False when it is not ours. */
  async syncAccount(accountId: string, sql: Sql): Promise<boolean> {
    const known = await sql.query('SELECT 1 FROM payout_accounts WHERE account_id = $1', [accountId]);
    if (!known.rowCount) return false;
    const state = await this.gateway.retrieveAccount(accountId);
    const status = state.payoutsEnabled ? 'ACTIVE' : state.detailsSubmitted ? 'RESTRICTED' : 'ONBOARDING';
    await sql.query(
      `UPDATE payout_accounts SET status = $2::"PayoutAccountStatus", details_submitted = $3, payouts_enabled = $4, updated_at = now() WHERE account_id = $1`,
      [accountId, status, state.detailsSubmitted, state.payoutsEnabled],
    );
    return true;
  }

  // ───────────── payouts ─────────────

  async payout(id: string): Promise<PayoutRow | null> {
    const { rows } = await this.pool.query<PayoutRow>(`SELECT ${PAYOUT_COLUMNS} FROM payouts WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(filter: { partnerOrgId?: string; runId?: string }, first = 100): Promise<PayoutRow[]> {
    const { rows } = await this.pool.query<PayoutRow>(
      `SELECT ${PAYOUT_COLUMNS} FROM payouts WHERE ($1::uuid IS NULL OR partner_org_id = $1) AND ($2::uuid IS NULL OR run_id = $2)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [filter.partnerOrgId ?? null, filter.runId ?? null, first],
    );
    return rows;
  }

  /**
   * Reserves the stream's payable balance for a payout, under a lock on the partner's available account.
   * Returns the payout, or why there is none.
   */
  private async reserve(
    partnerOrgId: string,
    stream: PayoutStream,
    origin: { runId: string | null; requestedByUserId: string | null },
    tx: Sql,
  ): Promise<{ payout: PayoutRow } | { reason: MoneyErrorCode; message: string }> {
    // Read on the transaction's own connection (never a second pooled one while this one is held).
    const { rows: accountRows } = await tx.query<{ provider: string; status: string; accountId: string }>(
      'SELECT provider, status, account_id AS "accountId" FROM payout_accounts WHERE partner_org_id = $1',
      [partnerOrgId],
    );
    const account = accountRows[0];
    if (!account) return { reason: MoneyErrorCode.PAYOUT_ACCOUNT_MISSING, message: 'No payout account is connected.' };
    if (account.status !== 'ACTIVE' || account.provider !== this.gateway.kind) {
      return {
        reason: MoneyErrorCode.PAYOUT_ACCOUNT_NOT_READY,
        message: 'The payout account cannot receive payouts yet; finish onboarding.',
      };
    }
    const inFlight = await tx.query(
      `SELECT 1 FROM payouts WHERE partner_org_id = $1 AND stream = $2::"PayoutStream" AND status = 'RESERVED'`,
      [partnerOrgId, stream],
    );
    if (inFlight.rowCount)
      return { reason: MoneyErrorCode.PAYOUT_IN_PROGRESS, message: 'A payout of these earnings is already on its way.' };
    const available = accounts.partnerAvailable(partnerOrgId, stream);
    const availableId = await this.ledger.accountId(available, tx);
    const { rows } = await tx.query<{ balance: string }>('SELECT balance::text AS balance FROM ledger_accounts WHERE id = $1 FOR UPDATE', [
      availableId,
    ]);
    const amount = payableAmount(money.add(rows[0]?.balance ?? '0'));
    const minimum = PAYOUT_SCHEDULES[stream].minimum;
    if (money.compare(amount, minimum) < 0) {
      return {
        reason: MoneyErrorCode.BELOW_MINIMUM,
        message: `Payouts start at ${money.formatUsd(minimum)}; ${money.formatUsd(amount)} is available.`,
      };
    }
    const inserted = await tx.query<PayoutRow>(
      `INSERT INTO payouts (partner_org_id, run_id, stream, amount, provider, destination, requested_by_user_id)
       VALUES ($1, $2, $3::"PayoutStream", $4, $5::"PaymentProvider", $6, $7)
       ON CONFLICT DO NOTHING RETURNING ${PAYOUT_COLUMNS}`,
      [partnerOrgId, origin.runId, stream, amount, this.gateway.kind, account.accountId, origin.requestedByUserId],
    );
    const payout = inserted.rows[0];
    if (!payout) return { reason: MoneyErrorCode.PAYOUT_IN_PROGRESS, message: 'A payout for these earnings is already on its way.' };
    await this.ledger.post(
      {
        idempotencyKey: `payout:${payout.id}:reserve`,
        kind: 'PAYOUT_RESERVE',
        description: `Payout of ${PAYOUT_SCHEDULES[stream].stream.toLowerCase().replace('_', ' ')} earnings`,
        details: { partnerOrgId, payoutId: payout.id, runId: origin.runId },
        postings: transfer(available, accounts.payoutsInTransit, amount),
      },
      tx,
    );
    await tx.query(
      `UPDATE partner_earnings SET payout_id = $3 WHERE partner_org_id = $1 AND stream = $2::"PayoutStream" AND status = 'AVAILABLE' AND payout_id IS NULL`,
      [partnerOrgId, stream, payout.id],
    );
    return { payout };
  }

  /** A partner owner asks for the stream's available balance now (same minimum as the schedule). */
  async request(
    principal: UserPrincipal,
    partnerOrgId: string,
    stream: PayoutStream,
    requestId?: string,
  ): Promise<MoneyOutcome<PayoutRow>> {
    const allowed = await this.requireOwner(principal, partnerOrgId);
    if (!allowed.ok) return allowed;
    await this.earnings.releaseDue(new Date(), partnerOrgId);
    const reserved = await withTransaction(this.pool, (tx) =>
      this.reserve(partnerOrgId, stream, { runId: null, requestedByUserId: principal.userId }, tx),
    );
    if ('reason' in reserved) return fail(reserved.reason, reserved.message);
    await recordAudit(
      this.platform.prisma,
      principal,
      {
        action: 'payouts.request',
        targetType: 'Payout',
        targetId: reserved.payout.id,
        partnerOrgId,
        details: { amount: reserved.payout.amount, stream },
      },
      requestId,
    );
    await this.platform.jobs.send(EXECUTE_PAYOUT_JOB, { payoutId: reserved.payout.id }, { singletonKey: reserved.payout.id });
    return ok(reserved.payout);
  }

  /** Sends a reserved payout and books the result. Safe to call any number of times. */
  async execute(payoutId: string): Promise<PayoutRow['status'] | 'missing'> {
    const payout = await this.payout(payoutId);
    if (!payout) return 'missing';
    if (payout.status !== 'RESERVED') return payout.status;
    const group = `payout:${payout.id}`;
    let sent: TransferState;
    try {
      sent =
        (await this.gateway.findTransfer(group)) ??
        (await this.gateway.createTransfer({
          amountCents: Number(money.usdToCents(payout.amount)),
          destination: payout.destination,
          transferGroup: group,
          description: `Hotlead payout ${payout.id}`,
          idempotencyKey: group,
        }));
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error; // a network fault: retried later, still RESERVED
      await this.bookFailure(payout, error.message);
      return 'FAILED';
    }
    await this.faults.afterTransfer?.(payout.id);
    const booked = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ status: string }>('SELECT status FROM payouts WHERE id = $1 FOR UPDATE', [payout.id]);
      if (rows[0]?.status !== 'RESERVED') return false;
      await this.ledger.post(
        {
          idempotencyKey: `payout:${payout.id}:settle`,
          kind: 'PAYOUT_SETTLE',
          description: `Paid out (transfer ${sent.id})`,
          details: { partnerOrgId: payout.partnerOrgId, payoutId: payout.id, transferId: sent.id },
          postings: transfer(accounts.payoutsInTransit, accounts.partnerPaid(payout.partnerOrgId), payout.amount),
        },
        tx,
      );
      await tx.query(`UPDATE payouts SET status = 'PAID', transfer_id = $2, paid_at = now() WHERE id = $1`, [payout.id, sent.id]);
      await tx.query(`UPDATE partner_earnings SET status = 'PAID' WHERE payout_id = $1 AND status = 'AVAILABLE'`, [payout.id]);
      return true;
    });
    if (booked) await this.notifyPaid(payout);
    return 'PAID';
  }

  private async bookFailure(payout: PayoutRow, reason: string): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ status: string }>('SELECT status FROM payouts WHERE id = $1 FOR UPDATE', [payout.id]);
      if (rows[0]?.status !== 'RESERVED') return;
      await this.ledger.post(
        {
          idempotencyKey: `payout:${payout.id}:failed`,
          kind: 'PAYOUT_FAILED',
          description: `Payout failed: ${reason}`,
          details: { partnerOrgId: payout.partnerOrgId, payoutId: payout.id },
          postings: transfer(accounts.payoutsInTransit, accounts.partnerAvailable(payout.partnerOrgId, payout.stream), payout.amount),
        },
        tx,
      );
      await tx.query(`UPDATE payouts SET status = 'FAILED', failure_reason = $2, failed_at = now() WHERE id = $1`, [payout.id, reason]);
      await tx.query(`UPDATE partner_earnings SET payout_id = NULL WHERE payout_id = $1 AND status = 'AVAILABLE'`, [payout.id]);
    });
    this.platform.log.warn({ payoutId: payout.id, reason }, 'payout failed at the provider');
  }

  private async notifyPaid(payout: PayoutRow): Promise<void> {
    const owners = await this.platform.prisma.partnerMembership.findMany({
      where: { partnerOrgId: payout.partnerOrgId, role: 'OWNER' },
      select: { user: { select: { email: true, name: true } } },
    });
    for (const { user } of owners) {
      await this.platform.mail.send({
        idempotencyKey: `payout-paid:${payout.id}:${user.email}`,
        to: user.email,
        template: 'payoutSent',
        data: {
          name: user.name,
          amount: money.formatUsd(payout.amount),
          url: `${this.platform.config.publicUrl}/partner/payouts`,
        },
      });
    }
  }

  // ───────────── runs ─────────────

  async runs(first = 50) {
    return this.platform.prisma.payoutRun.findMany({ orderBy: { startedAt: 'desc' }, take: first });
  }

  async run(id: string) {
    return this.platform.prisma.payoutRun.findUnique({ where: { id } });
  }

  /**
   * Runs (or resumes) the stream's payout run for the period containing `at`: one payout per partner
   * whose payable balance reaches the minimum and whose account is ready; then sends every payout of
   * the run still reserved. A rerun pays nobody twice: each partner has at most one payout per run
   * (unique), and each payout is sent under its own idempotency key.
   */
  async runStream(
    stream: PayoutStream,
    options: { at?: Date; trigger: 'SCHEDULE' | 'ADMIN'; startedBy?: UserPrincipal; requestId?: string },
  ) {
    const at = options.at ?? new Date();
    const periodKey = payoutPeriodKey(stream, at);
    await this.earnings.releaseDue(at);
    const run = await this.platform.prisma.payoutRun.upsert({
      where: { periodKey },
      create: { stream, periodKey, trigger: options.trigger, startedByUserId: options.startedBy?.userId ?? null },
      update: {},
    });
    if (options.startedBy) {
      await recordAudit(
        this.platform.prisma,
        options.startedBy,
        { action: 'payouts.run', targetType: 'PayoutRun', targetId: run.id, details: { stream, periodKey } },
        options.requestId,
      );
    }
    const minimum = PAYOUT_SCHEDULES[stream].minimum;
    const { rows: candidates } = await this.pool.query<{ partner_org_id: string; name: string }>(
      `SELECT a.partner_org_id, o.name FROM ledger_accounts a JOIN partner_orgs o ON o.id = a.partner_org_id
        WHERE a.kind = 'PARTNER_AVAILABLE' AND a.code LIKE $1 AND a.balance >= $2
          AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.run_id = $3 AND p.partner_org_id = a.partner_org_id)
        ORDER BY a.partner_org_id`,
      [`%:${stream.toLowerCase()}:available`, minimum, run.id],
    );
    const skipped: RunSummary['skipped'] = [];
    for (const { partner_org_id: partnerOrgId, name } of candidates) {
      const reserved = await withTransaction(this.pool, (tx) =>
        this.reserve(partnerOrgId, stream, { runId: run.id, requestedByUserId: null }, tx),
      );
      if ('reason' in reserved) skipped.push({ partnerOrgId, partnerOrgName: name, reason: reserved.reason });
    }
    const { rows: toSend } = await this.pool.query<{ id: string }>(
      // This run's payouts, and any requested payout of the stream whose own job never finished.
      `SELECT id FROM payouts WHERE status = 'RESERVED' AND (run_id = $1 OR (run_id IS NULL AND stream = $2::"PayoutStream"))
        ORDER BY created_at`,
      [run.id, stream],
    );
    for (const { id } of toSend) await this.execute(id);
    const { rows: totals } = await this.pool.query<{ paid: number; failed: number; total: string | null }>(
      `SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid, count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              sum(amount) FILTER (WHERE status = 'PAID')::text AS total
         FROM payouts WHERE run_id = $1`,
      [run.id],
    );
    const previous = (run.summary ?? {}) as Partial<RunSummary>;
    const summary: RunSummary = {
      paid: totals[0]!.paid,
      failed: totals[0]!.failed,
      skipped: [...(previous.skipped ?? []).filter((s) => !skipped.some((n) => n.partnerOrgId === s.partnerOrgId)), ...skipped],
      totalPaid: money.add(totals[0]!.total ?? '0'),
    };
    return this.platform.prisma.payoutRun.update({
      where: { id: run.id },
      data: { status: 'COMPLETED', finishedAt: new Date(), summary: summary as unknown as object },
    });
  }
}
