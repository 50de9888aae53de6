// Bad-lead reports and the bounce guarantee (product §2). A buyer reports a bought lead; a bounce
// within 30 days of the purchase is checked by the email verifier and, when it confirms the address
// is invalid, refunded at once; anything else (wrong person, wrong company, a bounce the verifier
// cannot confirm) waits for an admin. A refund gives the lead's credits back and reverses the
// partner's commission in the same ledger entry (cancelled inside the holdback, clawed back after).
import { createHash } from 'node:crypto';
import { money } from '@hotlead/domain';
import type { LeadReportKind, LeadReportStatus } from '@hotlead/prisma';
import type pg from 'pg';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { pgError, withTransaction, type Sql } from '../../platform/db/sql.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { EmailVerifier } from '../leads/verification/verifier.js';
import type { CreditsService } from '../money/credits.service.js';
import type { EarningsService } from '../money/earnings.service.js';
import { accounts } from '../money/ledger.accounts.js';
import { transfer, type LedgerService } from '../money/ledger.service.js';
import type { CheckoutService } from './checkout.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';

/** A bounce is refunded when reported within this many days of the purchase. */
export const BOUNCE_GUARANTEE_DAYS = 30;
export const REPORT_CHECK_JOB = 'marketplace.report-check';

export interface LeadReportRow {
  id: string;
  workspaceId: string;
  purchaseId: string;
  leadId: string;
  kind: LeadReportKind;
  note: string | null;
  status: LeadReportStatus;
  verification: string | null;
  resolution: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

const REPORT_COLUMNS = `id, workspace_id AS "workspaceId", purchase_id AS "purchaseId", lead_id AS "leadId", kind, note, status,
  verification, resolution, created_at AS "createdAt", resolved_at AS "resolvedAt"`;

export class LeadReportsService {
  constructor(
    private readonly platform: Platform,
    private readonly checkout: CheckoutService,
    private readonly credits: CreditsService,
    private readonly earnings: EarningsService,
    private readonly ledger: LedgerService,
    private readonly verifier: EmailVerifier,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /**
   * Gives back the credits of bought leads (not refunded before) and reverses their commissions, in
   * one ledger entry. The items are locked and marked, so a lead is refunded once whoever asks.
   * Returns the credits given back (0 when every lead was refunded already).
   */
  async refundItems(
    tx: Sql,
    input: { purchaseId: string; leadIds: string[]; reason: string },
  ): Promise<{ credits: string; leads: number }> {
    const { rows: items } = await tx.query<{ lead_id: string; workspace_id: string; credits: string }>(
      `SELECT lead_id, workspace_id, credits::text FROM lead_purchase_items
        WHERE purchase_id = $1 AND lead_id = ANY($2::uuid[]) AND refunded_at IS NULL ORDER BY lead_id FOR UPDATE`,
      [input.purchaseId, input.leadIds],
    );
    if (items.length === 0) return { credits: '0.0000', leads: 0 };
    const workspaceId = items[0]!.workspace_id;
    const credits = money.add('0', ...items.map((i) => i.credits));
    const postings =
      money.compare(credits, '0') > 0 ? transfer(accounts.creditsRedeemed, accounts.workspaceCredits(workspaceId), credits) : [];
    let commissionsReversed = 0;
    for (const item of items) {
      const reversal = await this.earnings.reversal(`lead-purchase:${input.purchaseId}:${item.lead_id}`, input.reason, tx);
      if (reversal) {
        postings.push(...reversal.postings);
        commissionsReversed += 1;
      }
    }
    const leadIds = items.map((i) => i.lead_id);
    if (postings.length > 0) {
      await this.ledger.post(
        {
          // The items' lock and refunded_at make the refund once; the key names what was refunded.
          idempotencyKey: `lead-refund:${input.purchaseId}:${createHash('sha256').update(leadIds.join(',')).digest('hex').slice(0, 24)}`,
          kind: 'LEAD_REFUND',
          description: `${items.length} lead${items.length === 1 ? '' : 's'} refunded: ${input.reason}`,
          details: { workspaceId, purchaseId: input.purchaseId, leadIds, reason: input.reason, commissionsReversed },
          postings,
        },
        tx,
      );
    }
    await tx.query(
      `UPDATE lead_purchase_items SET refunded_at = now(), refund_reason = $3 WHERE purchase_id = $1 AND lead_id = ANY($2::uuid[])`,
      [input.purchaseId, leadIds, input.reason],
    );
    await tx.query(`UPDATE lead_purchases SET refunded_credits = refunded_credits + $2 WHERE id = $1`, [input.purchaseId, credits]);
    return { credits, leads: items.length };
  }

  /** A buyer reports a bought lead. A bounce within the guarantee is checked by the verifier at once (a job). */
  async report(
    principal: Principal,
    input: { purchaseId: string; leadId: string; kind: LeadReportKind; note: string | null },
  ): Promise<MarketplaceOutcome<LeadReportRow>> {
    if (principal.kind !== 'user') throw forbidden('Reports are made by people signed in to the buying workspace.');
    const purchase = await this.checkout.viewablePurchase(principal, input.purchaseId);
    const note = input.note?.trim() || null;
    if (note && note.length > 1000) return fail(MarketplaceErrorCode.INVALID_INPUT, 'Keep the note under 1,000 characters.', ['note']);
    if (input.kind !== 'BOUNCED' && !note) {
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'Say what is wrong with the lead, so an admin can check it.', ['note']);
    }
    const item = await this.platform.prisma.leadPurchaseItem.findUnique({
      where: { purchaseId_leadId: { purchaseId: purchase.id, leadId: input.leadId } },
      select: { refundedAt: true },
    });
    if (!item || purchase.status !== 'COMPLETED')
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'This lead is not in that purchase.', ['leadId']);
    if (item.refundedAt) return fail(MarketplaceErrorCode.NOT_ALLOWED, 'This lead was refunded already.');
    if (input.kind === 'BOUNCED') {
      const lead = await this.platform.prisma.lead.findUnique({ where: { id: input.leadId }, select: { email: true } });
      if (!lead?.email) return fail(MarketplaceErrorCode.INVALID_INPUT, 'This lead has no email address to bounce.', ['kind']);
      const ends = new Date(purchase.completedAt!.getTime() + BOUNCE_GUARANTEE_DAYS * 86_400_000);
      if (ends < new Date()) {
        return fail(
          MarketplaceErrorCode.NOT_ALLOWED,
          `The bounce guarantee covers ${BOUNCE_GUARANTEE_DAYS} days after the purchase; it ended on ${ends.toISOString().slice(0, 10)}.`,
        );
      }
    }
    try {
      const report = await withTransaction(this.pool, async (tx) => {
        const { rows } = await tx.query<LeadReportRow>(
          `INSERT INTO lead_reports (workspace_id, purchase_id, lead_id, reported_by_user_id, kind, note)
           VALUES ($1, $2, $3, $4, $5::"LeadReportKind", $6) RETURNING ${REPORT_COLUMNS}`,
          [purchase.workspaceId, purchase.id, input.leadId, principal.userId, input.kind, note],
        );
        await recordAuditSql(tx, principal, {
          action: 'lead_report.create',
          targetType: 'LeadReport',
          targetId: rows[0]!.id,
          workspaceId: purchase.workspaceId,
          details: { kind: input.kind, purchaseId: purchase.id },
        });
        return rows[0]!;
      });
      if (report.kind === 'BOUNCED') await this.platform.jobs.send(REPORT_CHECK_JOB, { reportId: report.id }, { singletonKey: report.id });
      return ok(report);
    } catch (error) {
      if (pgError(error).code === '23505') return fail(MarketplaceErrorCode.NOT_ALLOWED, 'Your workspace has reported this lead already.');
      throw error;
    }
  }

  /**
   * The job for a bounce report: asks the verifier about the address. Invalid → refunded now, the lead
   * marked invalid and delisted. Anything else → left for an admin, with the verdict shown.
   */
  async check(reportId: string): Promise<LeadReportStatus | null> {
    const report = await this.platform.prisma.leadReport.findUnique({ where: { id: reportId }, select: { status: true, leadId: true } });
    if (!report || report.status !== 'OPEN') return report?.status ?? null;
    const lead = await this.platform.prisma.lead.findUnique({ where: { id: report.leadId }, select: { email: true } });
    // Without an address there is nothing to verify: an admin decides.
    if (!lead?.email) return 'OPEN';
    const [outcome] = await this.verifier.verify([lead.email]);
    const verdict = outcome!.status;
    const status = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<LeadReportRow>(`SELECT ${REPORT_COLUMNS} FROM lead_reports WHERE id = $1 FOR UPDATE`, [reportId]);
      const locked = rows[0];
      if (!locked || locked.status !== 'OPEN') return locked?.status ?? null;
      if (verdict !== 'INVALID') {
        await tx.query(`UPDATE lead_reports SET verification = $2 WHERE id = $1`, [reportId, verdict]);
        return 'OPEN' as const;
      }
      await this.markInvalid(tx, [locked.leadId]);
      await this.refundItems(tx, { purchaseId: locked.purchaseId, leadIds: [locked.leadId], reason: 'bounce confirmed by verification' });
      await tx.query(`UPDATE lead_reports SET status = 'REFUNDED', verification = $2, resolution = $3, resolved_at = now() WHERE id = $1`, [
        reportId,
        verdict,
        'Verification confirmed the address is invalid; the credits were refunded.',
      ]);
      await recordAuditSql(tx, 'SYSTEM', {
        action: 'lead_report.refunded',
        targetType: 'LeadReport',
        targetId: reportId,
        workspaceId: locked.workspaceId,
        details: { verification: verdict },
      });
      return 'REFUNDED' as const;
    });
    const workspace = await this.platform.prisma.leadReport.findUnique({ where: { id: reportId }, select: { workspaceId: true } });
    if (status === 'REFUNDED' && workspace) this.credits.walletChanged(workspace.workspaceId);
    return status;
  }

  /** Marks leads' emails invalid (and delists them): what a confirmed bounce or a failed re-check means. */
  async markInvalid(tx: Sql, leadIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE leads SET verification_status = 'INVALID', verified_at = now(), updated_at = now(),
              status = CASE WHEN status = 'LISTED' THEN 'DELISTED'::"LeadStatus" ELSE status END
        WHERE id = ANY($1::uuid[])`,
      [leadIds],
    );
  }

  /** An admin decides an open report: refund (credits back, commission reversed) or reject, with a note the buyer sees. */
  async resolve(
    admin: UserPrincipal,
    input: { reportId: string; decision: 'REFUND' | 'REJECT'; resolution: string },
  ): Promise<MarketplaceOutcome<LeadReportRow>> {
    const resolution = input.resolution.trim();
    if (resolution.length < 3 || resolution.length > 1000) {
      return fail(MarketplaceErrorCode.INVALID_INPUT, 'Write a short note for the buyer (3–1,000 characters).', ['resolution']);
    }
    const outcome = await withTransaction(this.pool, async (tx): Promise<MarketplaceOutcome<LeadReportRow>> => {
      const { rows } = await tx.query<LeadReportRow>(`SELECT ${REPORT_COLUMNS} FROM lead_reports WHERE id = $1 FOR UPDATE`, [
        input.reportId,
      ]);
      const report = rows[0];
      if (!report) throw notFound('LeadReport');
      if (report.status !== 'OPEN') return fail(MarketplaceErrorCode.NOT_ALLOWED, 'This report was decided already.');
      if (input.decision === 'REFUND') {
        await this.refundItems(tx, {
          purchaseId: report.purchaseId,
          leadIds: [report.leadId],
          reason: `bad lead (${report.kind.toLowerCase()}) confirmed by an admin`,
        });
        if (report.kind === 'BOUNCED') await this.markInvalid(tx, [report.leadId]);
      }
      const { rows: updated } = await tx.query<LeadReportRow>(
        `UPDATE lead_reports SET status = $2::"LeadReportStatus", resolution = $3, resolved_by_user_id = $4, resolved_at = now()
          WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
        [report.id, input.decision === 'REFUND' ? 'REFUNDED' : 'REJECTED', resolution, admin.userId],
      );
      await recordAuditSql(tx, admin, {
        action: input.decision === 'REFUND' ? 'lead_report.refunded' : 'lead_report.rejected',
        targetType: 'LeadReport',
        targetId: report.id,
        workspaceId: report.workspaceId,
        details: { kind: report.kind, resolution },
      });
      return ok(updated[0]!);
    });
    if (outcome.ok && outcome.value.status === 'REFUNDED') this.credits.walletChanged(outcome.value.workspaceId);
    return outcome;
  }

  /** Reports of one workspace (its members), newest first. */
  async forWorkspace(workspaceId: string, limit = 200): Promise<LeadReportRow[]> {
    const { rows } = await this.pool.query<LeadReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM lead_reports WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows;
  }

  /** The admin queue: reports by status, oldest open first. */
  async list(filter: { status: LeadReportStatus | null }, limit = 200): Promise<LeadReportRow[]> {
    const { rows } = await this.pool.query<LeadReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM lead_reports WHERE ($1::"LeadReportStatus" IS NULL OR status = $1::"LeadReportStatus")
        ORDER BY (status = 'OPEN') DESC, created_at ${filter.status === 'OPEN' ? 'ASC' : 'DESC'}, id LIMIT $2`,
      [filter.status, limit],
    );
    return rows;
  }
}
