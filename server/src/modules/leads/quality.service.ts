// Partner quality gates (seed 000 Decision 8 and "risks"): the partner's pass rate, duplicate rate and
// score, whether new uploads wait for admin review, and upload suspension. The rules and thresholds
// are in packages/domain (quality.ts); this service gathers the numbers and records every decision
// in the audit log.
import { partnerQuality, uploadRejectionRate, type PartnerQuality, type ReviewReason } from '@hotlead/domain';
import { isPlatformAdmin, type Principal } from '../../platform/auth/principal.js';
import { recordAudit, recordAuditSql } from '../../platform/audit.js';
import type { Sql } from '../../platform/db/sql.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';

export interface PartnerSupply extends PartnerQuality {
  leadsUploaded: number;
  leadsListed: number;
  leadsSold: number;
  leadsPendingReview: number;
  uploadsSuspended: boolean;
  uploadsSuspendedReason: string | null;
  uploadsSuspendedAt: Date | null;
  firstReviewDone: boolean;
}

export class QualityService {
  constructor(private readonly platform: Platform) {}

  private get sql(): Sql {
    return this.platform.database.pool;
  }

  /** Everything the dashboard shows, computed now from the partner's leads and finished uploads. */
  async supply(partnerOrgId: string): Promise<PartnerSupply> {
    const [leads, uploads, org] = await Promise.all([
      this.sql.query<{
        total: number;
        listed: number;
        sold: number;
        pending_review: number;
        verified: number;
        passed: number;
      }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'LISTED')::int AS listed,
                count(*) FILTER (WHERE sold_count > 0)::int AS sold,
                count(*) FILTER (WHERE status = 'PENDING_REVIEW')::int AS pending_review,
                count(*) FILTER (WHERE verification_status IN ('VALID', 'CATCH_ALL', 'INVALID', 'RISKY'))::int AS verified,
                count(*) FILTER (WHERE verification_status IN ('VALID', 'CATCH_ALL'))::int AS passed
           FROM leads WHERE partner_org_id = $1 AND owner_kind = 'PARTNER'`,
        [partnerOrgId],
      ),
      this.sql.query<{ rows_read: number; rejected: number; duplicates: number }>(
        `SELECT COALESCE(sum(rows_read), 0)::int AS rows_read, COALESCE(sum(rejected), 0)::int AS rejected,
                COALESCE(sum(duplicates), 0)::int AS duplicates
           FROM lead_uploads WHERE partner_org_id = $1 AND status = 'COMPLETED'`,
        [partnerOrgId],
      ),
      this.platform.prisma.partnerOrg.findUnique({
        where: { id: partnerOrgId },
        select: { uploadsSuspended: true, uploadsSuspendedReason: true, uploadsSuspendedAt: true, firstReviewDoneAt: true },
      }),
    ]);
    if (!org) throw notFound('Partner org');
    const l = leads.rows[0]!;
    const u = uploads.rows[0]!;
    const quality = partnerQuality({
      acceptedLeads: l.total,
      verifiedLeads: l.verified,
      passedLeads: l.passed,
      rowsRead: u.rows_read,
      rejectedRows: u.rejected,
      duplicateRows: u.duplicates,
      firstReviewDone: org.firstReviewDoneAt !== null,
    });
    return {
      ...quality,
      leadsUploaded: l.total,
      leadsListed: l.listed,
      leadsSold: l.sold,
      leadsPendingReview: l.pending_review,
      uploadsSuspended: org.uploadsSuspended,
      uploadsSuspendedReason: org.uploadsSuspendedReason,
      uploadsSuspendedAt: org.uploadsSuspendedAt,
      firstReviewDone: org.firstReviewDoneAt !== null,
    };
  }

  /** Why the partner's next upload must wait for review (empty: it lists as it imports). */
  async reviewReasons(partnerOrgId: string): Promise<ReviewReason[]> {
    return (await this.supply(partnerOrgId)).reviewReasons;
  }

  /** Stores the partner's current rates and score on the org (for lists and the admin view). */
  async refresh(partnerOrgId: string): Promise<PartnerSupply> {
    const supply = await this.supply(partnerOrgId);
    await this.sql.query(
      `UPDATE partner_orgs SET verification_pass_rate = $2, duplicate_rate = $3, partner_score = $4, leads_uploaded_total = $5, updated_at = now()
        WHERE id = $1`,
      [partnerOrgId, supply.passRatePercent, supply.duplicateRatePercent, supply.score, supply.leadsUploaded],
    );
    return supply;
  }

  /**
   * The per-upload gate, inside the transaction that completes the import: a rejection rate above
   * 50 % suspends the partner's uploads and holds this upload's unsold leads for review.
   */
  async afterImport(tx: Sql, upload: { id: string; partnerOrgId: string; rowsRead: number; rejected: number }): Promise<boolean> {
    const rate = uploadRejectionRate(upload.rowsRead, upload.rejected);
    await recordAuditSql(tx, 'SYSTEM', {
      action: 'lead_upload.rejection_gate',
      targetType: 'LeadUpload',
      targetId: upload.id,
      partnerOrgId: upload.partnerOrgId,
      details: { rejectionRatePercent: rate.percent, suspends: rate.suspends },
    });
    if (!rate.suspends) return false;
    const reason = `${rate.percent}% of the rows in an upload were rejected (more than 50%).`;
    await tx.query(
      `UPDATE partner_orgs SET uploads_suspended = true, uploads_suspended_reason = $2, uploads_suspended_at = now(), updated_at = now()
        WHERE id = $1 AND NOT uploads_suspended`,
      [upload.partnerOrgId, reason],
    );
    await tx.query(
      `UPDATE lead_uploads SET review_status = 'PENDING', review_reasons = array_append(review_reasons, 'UPLOAD_REJECTION_RATE') WHERE id = $1`,
      [upload.id],
    );
    await tx.query(
      `UPDATE leads SET status = 'PENDING_REVIEW', updated_at = now() WHERE upload_id = $1 AND status = 'LISTED' AND sold_count = 0`,
      [upload.id],
    );
    await recordAuditSql(tx, 'SYSTEM', {
      action: 'partner.uploads_suspended',
      targetType: 'PartnerOrg',
      targetId: upload.partnerOrgId,
      partnerOrgId: upload.partnerOrgId,
      details: { automatic: true, uploadId: upload.id, reason },
    });
    return true;
  }

  /** Admin: suspend or lift a partner's uploads, with the reason shown to the partner. */
  async setUploadsSuspended(principal: Principal, partnerOrgId: string, suspended: boolean, reason: string | null): Promise<void> {
    if (!isPlatformAdmin(principal)) throw forbidden();
    const org = await this.platform.prisma.partnerOrg.findUnique({ where: { id: partnerOrgId }, select: { id: true } });
    if (!org) throw notFound('Partner org');
    await this.platform.prisma.$transaction(async (tx) => {
      await tx.partnerOrg.update({
        where: { id: partnerOrgId },
        data: suspended
          ? { uploadsSuspended: true, uploadsSuspendedReason: reason, uploadsSuspendedAt: new Date() }
          : { uploadsSuspended: false, uploadsSuspendedReason: null, uploadsSuspendedAt: null },
      });
      await recordAudit(tx, principal, {
        action: suspended ? 'partner.uploads_suspended' : 'partner.uploads_unsuspended',
        targetType: 'PartnerOrg',
        targetId: partnerOrgId,
        partnerOrgId,
        details: { automatic: false, reason },
      });
    });
  }
}
