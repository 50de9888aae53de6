// A purchase's CSV, made by a job after the purchase completes (and again on request): emails whose
// last verification is older than 30 days are re-checked first, and the invalid ones are refunded
// and left out; then the leads stream from PostgreSQL in batches into file storage, so a 10,000-lead
// purchase never sits in memory whole. Downloads serve the stored file.
import { Readable } from 'node:stream';
import { csvCell } from '@hotlead/domain';
import type pg from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { withTransaction } from '../../platform/db/sql.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { Topic } from '../../platform/pubsub/pubsub.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import type { VerificationService } from '../leads/verification.service.js';
import type { CreditsService } from '../money/credits.service.js';
import { EXPORT_JOB, type CheckoutService, type PurchaseRow } from './checkout.service.js';
import { fail, MarketplaceErrorCode, ok, type MarketplaceOutcome } from './marketplace.errors.js';
import type { LeadReportsService } from './reports.service.js';

/** Emails last verified longer ago than this are checked again before they are exported. */
export const REVERIFY_AT_EXPORT_DAYS = 30;
/** Product limits: 10 CSV exports (downloads and fresh exports) per workspace per day. */
export const EXPORT_RATE_LIMIT: RateLimitRule = { name: 'exports', limit: 10, windowMs: 24 * 60 * 60 * 1000 };
const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

export const EXPORT_COLUMNS = [
  // The id webhooks (lead.suppressed) and the API use for this lead.
  'lead_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'job_title',
  'seniority',
  'company_name',
  'company_domain',
  'company_employee_count',
  'industry',
  'country',
  'state',
  'city',
  'postal_code',
  'linkedin_url',
  'email_status',
  'intent_score',
  'freshness_score',
  'price_usd',
  'source',
  'collected_at',
  'lawful_basis',
] as const;

/** Each export is a new file (storage never overwrites); the purchase points at the newest. */
export const exportFileKey = (purchaseId: string, madeAt: Date) => `exports/purchases/${purchaseId}/${madeAt.getTime()}.csv`;

export class PurchaseExportService {
  constructor(
    private readonly platform: Platform,
    private readonly checkout: CheckoutService,
    private readonly reports: LeadReportsService,
    private readonly verification: VerificationService,
    private readonly credits: CreditsService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** The job: re-check stale emails (refunding the invalid), write the CSV, mark it ready. Idempotent. */
  async prepare(purchaseId: string): Promise<void> {
    const purchase = await this.checkout.purchaseRow(purchaseId);
    if (!purchase || purchase.status !== 'COMPLETED') return;
    try {
      const refunded = await this.recheckStaleEmails(purchase);
      if (refunded > 0) this.credits.walletChanged(purchase.workspaceId);
      let rows = 0;
      const checkout = this.checkout;
      async function* lines(): AsyncGenerator<string> {
        yield '\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n';
        for await (const batch of checkout.purchasedLeads(purchase!)) {
          rows += batch.length;
          yield batch
            .map((r): Record<string, string | number | null> => ({ ...r, lead_id: toGlobalId('MarketplaceLead', String(r['lead_id'])) }))
            .map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c] == null ? null : String(r[c]))).join(',') + '\r\n')
            .join('');
        }
      }
      const madeAt = new Date();
      const key = exportFileKey(purchaseId, madeAt);
      await this.platform.storage.put(key, Readable.from(lines()), { maxBytes: MAX_EXPORT_BYTES });
      await this.platform.prisma.leadPurchase.update({
        where: { id: purchaseId },
        data: { exportStatus: 'READY', exportFile: key, exportRows: rows, exportedAt: madeAt, exportError: null },
      });
      // The previous file is superseded (a download already streaming it keeps its open handle).
      if (purchase.exportFile && purchase.exportFile !== key) await this.platform.storage.delete(purchase.exportFile).catch(() => {});
    } catch (error) {
      await this.platform.prisma.leadPurchase.update({
        where: { id: purchaseId },
        data: { exportStatus: 'FAILED', exportError: 'The export could not be written; it is retried automatically.' },
      });
      throw error;
    } finally {
      this.platform.pubsub.publish(Topic.LEAD_PURCHASE_COMPLETED, purchase.workspaceId, { purchaseId });
    }
  }

  /**
   * Emails of the purchase last verified more than 30 days ago go to the verifier again; invalid ones
   * are marked, refunded (credits and commission, one entry) and so left out of the file. A paid
   * verifier's daily budget can run out: those emails are exported with their last status.
   */
  private async recheckStaleEmails(purchase: PurchaseRow): Promise<number> {
    const verifier = this.verification.verifier;
    let after = '00000000-0000-0000-0000-000000000000';
    let refunded = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ lead_id: string; email: string }>(
        `SELECT i.lead_id, l.email FROM lead_purchase_items i JOIN leads l ON l.id = i.lead_id
          WHERE i.purchase_id = $1 AND i.refunded_at IS NULL AND i.lead_id > $2 AND l.email IS NOT NULL
            AND l.verified_at < now() - make_interval(days => $3)
          ORDER BY i.lead_id LIMIT $4`,
        [purchase.id, after, REVERIFY_AT_EXPORT_DAYS, verifier.batchSize],
      );
      if (rows.length === 0) return refunded;
      after = rows[rows.length - 1]!.lead_id;
      if (!(await this.verification.reserveBudget(rows.length))) return refunded;
      const outcomes = await verifier.verify(rows.map((r) => r.email));
      const invalid = rows.filter((_, i) => outcomes[i]!.status === 'INVALID').map((r) => r.lead_id);
      await withTransaction(this.pool, async (tx) => {
        await tx.query(
          `UPDATE leads l SET verification_status = v.status::"VerificationStatus", verified_at = now(), updated_at = now()
             FROM unnest($1::uuid[], $2::text[]) AS v(id, status) WHERE l.id = v.id`,
          [rows.map((r) => r.lead_id), outcomes.map((o) => o.status)],
        );
        if (invalid.length === 0) return;
        await this.reports.markInvalid(tx, invalid);
        const refund = await this.reports.refundItems(tx, {
          purchaseId: purchase.id,
          leadIds: invalid,
          reason: 'email invalid when re-checked at download',
        });
        refunded += refund.leads;
      });
    }
  }

  /** A fresh export (re-checking emails again), e.g. for a purchase bought more than 30 days ago. */
  async refresh(principal: Principal, purchaseId: string): Promise<MarketplaceOutcome<PurchaseRow>> {
    const purchase = await this.checkout.downloadable(principal, purchaseId);
    if (purchase.exportStatus === 'PREPARING') {
      // Already under way — or lost (a crash before the job was queued): queuing it again is a no-op if not.
      await this.platform.jobs.send(EXPORT_JOB, { purchaseId }, { singletonKey: `export:${purchaseId}` });
      return ok(purchase);
    }
    const limit = await this.platform.limiter.hit(EXPORT_RATE_LIMIT, purchase.workspaceId);
    if (!limit.allowed) return fail(MarketplaceErrorCode.RATE_LIMITED, exportLimitMessage(limit.resetAt));
    const updated = await this.platform.prisma.leadPurchase.update({
      where: { id: purchaseId },
      data: { exportStatus: 'PREPARING' },
      select: { id: true },
    });
    await this.platform.jobs.send(EXPORT_JOB, { purchaseId: updated.id });
    return ok((await this.checkout.purchaseRow(purchaseId))!);
  }
}

export function exportLimitMessage(resetAt: Date): string {
  const hours = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 3_600_000));
  return `Your workspace has made ${EXPORT_RATE_LIMIT.limit} exports today, the daily limit; try again in about ${hours} hour${hours === 1 ? '' : 's'}.`;
}
