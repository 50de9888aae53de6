// Email verification of the inventory (seed 000 Phase 4): new uploads after their import, and every
// day the unsold leads whose last check is 60+ days old. Batches go to the configured provider
// (local by default, MillionVerifier with a key); a paid provider draws on a daily budget. The
// verdict re-prices the lead in SQL (lead_list_price mirrors packages/domain listPrice) and an
// invalid address delists it.
import type pg from 'pg';
import { withTransaction } from '../../platform/db/sql.js';
import type { Platform } from '../../platform/platform.js';
import type { QualityService } from './quality.service.js';
import type { UploadService } from './upload.service.js';
import type { EmailVerifier, VerificationOutcome } from './verification/verifier.js';

export const REVERIFY_AFTER_DAYS = 60;

/** First verification of pending leads: counts toward the upload's `verified`. */
const APPLY_FIRST = `
  WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS v(id, status)),
  changed AS (
    UPDATE leads l
       SET verification_status = v.status::"VerificationStatus", verified_at = now(), updated_at = now(),
           list_price = lead_list_price(l.intent_score, l.freshness_score, l.phone IS NOT NULL, v.status::"VerificationStatus", l.min_price),
           status = CASE WHEN v.status = 'INVALID' AND l.status IN ('LISTED', 'PENDING_REVIEW') THEN 'DELISTED'::"LeadStatus" ELSE l.status END
      FROM v WHERE l.id = v.id AND l.verification_status = 'PENDING'
    RETURNING l.upload_id),
  counts AS (SELECT upload_id, count(*)::int AS n FROM changed WHERE upload_id IS NOT NULL GROUP BY upload_id)
  UPDATE lead_uploads u SET verified = verified + counts.n, updated_at = now() FROM counts WHERE u.id = counts.upload_id`;

/** Re-verification of listed unsold leads: a lead that turned invalid is delisted. */
const APPLY_AGAIN = `
  WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS v(id, status))
  UPDATE leads l
     SET verification_status = v.status::"VerificationStatus", verified_at = now(), updated_at = now(),
         list_price = lead_list_price(l.intent_score, l.freshness_score, l.phone IS NOT NULL, v.status::"VerificationStatus", l.min_price),
         status = CASE WHEN v.status = 'INVALID' THEN 'DELISTED'::"LeadStatus" ELSE l.status END
    FROM v WHERE l.id = v.id
  RETURNING l.status`;

export interface VerifyRun {
  verified: number;
  delisted: number;
  /** The daily budget ran out before the work did (it continues the next day). */
  budgetExhausted: boolean;
}

export class VerificationService {
  constructor(
    private readonly platform: Platform,
    readonly verifier: EmailVerifier,
    private readonly uploads: UploadService,
    private readonly quality: QualityService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /**
   * Takes `emails` from today's budget of a paid provider; false when it would exceed the cap.
   * Free providers (the local verifier) have no budget.
   */
  async reserveBudget(emails: number, today = new Date()): Promise<boolean> {
    const cap = this.platform.config.VERIFICATION_DAILY_CAP;
    if (!this.verifier.paid || cap === 0) return true;
    if (emails > cap) return false;
    const { rowCount } = await this.pool.query(
      `INSERT INTO verification_usage (day, provider, emails) VALUES ($1::date, $2, $3)
       ON CONFLICT (day, provider) DO UPDATE SET emails = verification_usage.emails + EXCLUDED.emails
        WHERE verification_usage.emails + EXCLUDED.emails <= $4`,
      [today.toISOString().slice(0, 10), this.verifier.name, emails, cap],
    );
    return (rowCount ?? 0) > 0;
  }

  async usedToday(today = new Date()): Promise<number> {
    const { rows } = await this.pool.query<{ emails: number }>(
      `SELECT emails FROM verification_usage WHERE day = $1::date AND provider = $2`,
      [today.toISOString().slice(0, 10), this.verifier.name],
    );
    return rows[0]?.emails ?? 0;
  }

  private async check(emails: string[]): Promise<VerificationOutcome[]> {
    const outcomes = await this.verifier.verify(emails);
    if (outcomes.length !== emails.length) throw new Error('verification provider answered a different number of emails');
    return outcomes;
  }

  /** Verifies an upload's pending leads (all of them, or until the budget runs out). Idempotent. */
  async verifyUpload(uploadId: string): Promise<VerifyRun> {
    const run: VerifyRun = { verified: 0, delisted: 0, budgetExhausted: false };
    let after = 0;
    for (;;) {
      // In file order along the (upload_id, upload_row) key; no index on the pending state, which
      // every imported row would otherwise pay for.
      const { rows } = await this.pool.query<{ id: string; email: string; upload_row: number }>(
        `SELECT id, email, upload_row FROM leads
          WHERE upload_id = $1 AND upload_row > $2 AND verification_status = 'PENDING' ORDER BY upload_row LIMIT $3`,
        [uploadId, after, this.verifier.batchSize],
      );
      if (rows.length === 0) break;
      if (!(await this.reserveBudget(rows.length))) {
        run.budgetExhausted = true;
        break;
      }
      const outcomes = await this.check(rows.map((r) => r.email));
      await this.pool.query(APPLY_FIRST, [rows.map((r) => r.id), outcomes.map((o) => o.status)]);
      run.verified += rows.length;
      run.delisted += outcomes.filter((o) => o.status === 'INVALID').length;
      after = rows[rows.length - 1]!.upload_row;
      this.uploads.published(uploadId);
    }
    const upload = await this.platform.prisma.leadUpload.findUnique({ where: { id: uploadId }, select: { partnerOrgId: true } });
    if (upload) await this.quality.refresh(upload.partnerOrgId);
    return run;
  }

  /**
   * The daily pass: leads still pending from a day the budget ran out, then listed unsold leads
   * last checked 60+ days ago. Stops when the budget runs out.
   */
  async reverifyStale(now = new Date()): Promise<VerifyRun> {
    const run: VerifyRun = { verified: 0, delisted: 0, budgetExhausted: false };
    const pendingUploads = await this.pool.query<{ upload_id: string }>(
      `SELECT DISTINCT upload_id FROM leads WHERE verification_status = 'PENDING' AND upload_id IS NOT NULL
         AND upload_id IN (SELECT id FROM lead_uploads WHERE status = 'COMPLETED')`,
    );
    for (const { upload_id } of pendingUploads.rows) {
      const part = await this.verifyUpload(upload_id);
      run.verified += part.verified;
      run.delisted += part.delisted;
      if (part.budgetExhausted) return { ...run, budgetExhausted: true };
    }
    const cutoff = new Date(now.getTime() - REVERIFY_AFTER_DAYS * 86_400_000);
    let after = '00000000-0000-0000-0000-000000000000';
    const partners = new Set<string>();
    for (;;) {
      const { rows } = await this.pool.query<{ id: string; email: string; partner_org_id: string | null }>(
        `SELECT id, email, partner_org_id FROM leads
          WHERE status = 'LISTED' AND sold_count = 0 AND email IS NOT NULL AND verified_at < $1 AND id > $2
          ORDER BY id LIMIT $3`,
        [cutoff, after, this.verifier.batchSize],
      );
      if (rows.length === 0) break;
      if (!(await this.reserveBudget(rows.length))) {
        run.budgetExhausted = true;
        break;
      }
      const outcomes = await this.check(rows.map((r) => r.email));
      const updated = await withTransaction(this.pool, (tx) =>
        tx.query<{ status: string }>(APPLY_AGAIN, [rows.map((r) => r.id), outcomes.map((o) => o.status)]),
      );
      run.verified += rows.length;
      run.delisted += updated.rows.filter((r) => r.status === 'DELISTED').length;
      for (const r of rows) if (r.partner_org_id) partners.add(r.partner_org_id);
      after = rows[rows.length - 1]!.id;
    }
    for (const partnerOrgId of partners) await this.quality.refresh(partnerOrgId);
    return run;
  }
}
