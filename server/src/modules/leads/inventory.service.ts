// The lead inventory as partners and admins see it: listing (an upload's leads, or admin filters),
// the daily freshness and price recomputation in bulk SQL, fuzzy duplicate detection after an
// import, and the admin's duplicate review (keep both, or merge into the older lead).
import type { Prisma } from '@hotlead/prisma';
import type pg from 'pg';
import { isPlatformAdmin, type Principal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { withTransaction } from '../../platform/db/sql.js';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';
import { afterCursor, NEWEST_FIRST, type CreatedAtCursor } from '../../platform/db/keyset.js';
import { fail, LeadsErrorCode, ok, type LeadsOutcome } from './leads.errors.js';
import type { UploadService } from './upload.service.js';

/** pg_trgm similarity of lower(first last company) at which two leads are probably one person. */
export const FUZZY_DUPLICATE_SIMILARITY = 0.85;
const RESCORE_BATCH = 20_000;
const FUZZY_BATCH = 500;

export const LEAD_SELECT = {
  id: true,
  ownerKind: true,
  partnerOrgId: true,
  uploadId: true,
  uploadRow: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  jobTitle: true,
  seniority: true,
  linkedinUrl: true,
  companyName: true,
  companyDomain: true,
  companyEmployeeCount: true,
  companySize: true,
  industryId: true,
  country: true,
  state: true,
  city: true,
  postalCode: true,
  source: true,
  collectedAt: true,
  verificationStatus: true,
  verifiedAt: true,
  intentScore: true,
  freshnessScore: true,
  listPrice: true,
  minPrice: true,
  status: true,
  soldCount: true,
  createdAt: true,
} satisfies Prisma.LeadSelect;

export type LeadRow = Prisma.LeadGetPayload<{ select: typeof LEAD_SELECT }>;

const FLAG_SELECT = {
  id: true,
  similarity: true,
  status: true,
  createdAt: true,
  resolvedAt: true,
  lead: { select: LEAD_SELECT },
  matchedLead: { select: LEAD_SELECT },
} satisfies Prisma.LeadDuplicateFlagSelect;

export interface LeadFilter {
  partnerOrgId?: string | null;
  uploadId?: string | null;
  status?: LeadRow['status'] | null;
  verificationStatus?: LeadRow['verificationStatus'] | null;
  sold?: boolean | null;
}

export interface DuplicateFlagRow {
  id: string;
  similarity: string;
  status: 'OPEN' | 'DISMISSED' | 'MERGED';
  createdAt: Date;
  resolvedAt: Date | null;
  lead: LeadRow;
  matchedLead: LeadRow;
}

/** Fields a merge copies from the flagged lead into the kept one when the kept one lacks them. */
const MERGEABLE = ['job_title', 'linkedin_url', 'company_domain', 'company_employee_count', 'state', 'city', 'postal_code'] as const;

export class InventoryService {
  constructor(
    private readonly platform: Platform,
    private readonly partnerOrgs: PartnerOrgService,
    private readonly uploads: UploadService,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /**
   * Leads for a partner (its own, optionally one upload) or an admin (any filter), newest first.
   * Partners see their own contact details: they supplied them.
   */
  async list(
    principal: Principal,
    filter: LeadFilter,
    page: { first: number; after: CreatedAtCursor | null },
  ): Promise<{ rows: LeadRow[]; total: number }> {
    if (filter.uploadId) {
      const upload = await this.uploads.get(principal, filter.uploadId);
      filter = { ...filter, partnerOrgId: upload.partnerOrgId };
    } else if (filter.partnerOrgId) {
      await this.partnerOrgs.viewable(principal, filter.partnerOrgId);
    } else if (!isPlatformAdmin(principal)) {
      throw badInput('Say whose leads to list (partnerOrgId or uploadId).');
    }
    const where: Prisma.LeadWhereInput = {
      ...(filter.partnerOrgId ? { partnerOrgId: filter.partnerOrgId } : {}),
      ...(filter.uploadId ? { uploadId: filter.uploadId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.verificationStatus ? { verificationStatus: filter.verificationStatus } : {}),
      ...(filter.sold === true ? { soldCount: { gt: 0 } } : filter.sold === false ? { soldCount: 0 } : {}),
    };
    const [rows, total] = await Promise.all([
      this.platform.prisma.lead.findMany({
        where: afterCursor(where, page.after),
        orderBy: NEWEST_FIRST,
        take: page.first,
        select: LEAD_SELECT,
      }),
      this.countCapped(where),
    ]);
    return { rows, total };
  }

  /** Exact counts are cheap for one upload or partner; the unfiltered inventory uses the planner's estimate. */
  private async countCapped(where: Prisma.LeadWhereInput): Promise<number> {
    if (Object.keys(where).length > 0) return this.platform.prisma.lead.count({ where });
    const { rows } = await this.pool.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'leads'`);
    return Math.max(0, Number(rows[0]?.n ?? 0));
  }

  /**
   * The daily recomputation (seed 000 §5.2): freshness from the lead's age and the list price from
   * it, for every lead still on offer, in id-ordered batches of bulk UPDATEs (no row-by-row work).
   */
  async rescore(now = new Date()): Promise<{ updated: number }> {
    let updated = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ last: string | null; changed: number }>(
        `WITH batch AS (
           SELECT id FROM leads WHERE id > $1 AND status IN ('LISTED', 'PENDING_REVIEW') ORDER BY id LIMIT ${RESCORE_BATCH}),
         fresh AS (
           SELECT l.id, lead_freshness(lead_age_days(l.collected_at, $2)) AS f FROM leads l JOIN batch USING (id)),
         changed AS (
           UPDATE leads l
              SET freshness_score = fresh.f,
                  list_price = lead_list_price(l.intent_score, fresh.f, l.phone IS NOT NULL, l.verification_status, l.min_price),
                  updated_at = now()
             FROM fresh
            WHERE l.id = fresh.id
              AND (l.freshness_score <> fresh.f
                   OR l.list_price <> lead_list_price(l.intent_score, fresh.f, l.phone IS NOT NULL, l.verification_status, l.min_price))
           RETURNING 1)
         SELECT (SELECT max(id::text) FROM batch) AS last, (SELECT count(*)::int FROM changed) AS changed`,
        [after, now],
      );
      const row = rows[0]!;
      updated += row.changed;
      if (!row.last) break;
      after = row.last;
    }
    return { updated };
  }

  /**
   * Flags each lead of an upload whose name + company is ≥ 0.85 similar (pg_trgm) to another lead
   * (from the inventory, or earlier in the same upload). Flags are for review; nothing is removed.
   */
  async fuzzyScan(uploadId: string): Promise<number> {
    let flagged = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const result = await withTransaction(this.pool, async (tx) => {
        await tx.query(`SET LOCAL pg_trgm.similarity_threshold = ${FUZZY_DUPLICATE_SIMILARITY}`);
        const { rows } = await tx.query<{ last: string | null; inserted: number }>(
          `WITH batch AS (
             SELECT id, fuzzy_key FROM leads WHERE upload_id = $1 AND id > $2 ORDER BY id LIMIT ${FUZZY_BATCH}),
           matches AS (
             SELECT b.id AS lead_id, m.id AS matched_lead_id, m.sim
               FROM batch b
               CROSS JOIN LATERAL (
                 SELECT c.id, similarity(c.fuzzy_key, b.fuzzy_key) AS sim FROM leads c
                  WHERE c.fuzzy_key % b.fuzzy_key AND c.id <> b.id
                    AND (c.upload_id IS DISTINCT FROM $1 OR c.upload_row < (SELECT upload_row FROM leads WHERE id = b.id))
                    AND c.status <> 'ARCHIVED'
                  ORDER BY sim DESC, c.created_at LIMIT 1) m),
           inserted AS (
             INSERT INTO lead_duplicate_flags (lead_id, matched_lead_id, similarity)
             SELECT lead_id, matched_lead_id, round(sim::numeric, 3) FROM matches
             ON CONFLICT DO NOTHING RETURNING 1)
           SELECT (SELECT max(id::text) FROM batch) AS last, (SELECT count(*)::int FROM inserted) AS inserted`,
          [uploadId, after],
        );
        const row = rows[0]!;
        if (row.inserted > 0) {
          await tx.query(`UPDATE lead_uploads SET probable_duplicates = probable_duplicates + $2 WHERE id = $1`, [uploadId, row.inserted]);
        }
        return row;
      });
      flagged += result.inserted;
      if (!result.last) break;
      after = result.last;
    }
    if (flagged > 0) this.uploads.published(uploadId);
    return flagged;
  }

  async duplicateFlags(
    principal: Principal,
    filter: { status: DuplicateFlagRow['status'] | null; uploadId: string | null },
    page: { first: number; after: CreatedAtCursor | null },
  ): Promise<{ rows: DuplicateFlagRow[]; total: number }> {
    if (!isPlatformAdmin(principal)) throw forbidden();
    const where: Prisma.LeadDuplicateFlagWhereInput = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.uploadId ? { lead: { uploadId: filter.uploadId } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.platform.prisma.leadDuplicateFlag.findMany({
        where: afterCursor(where, page.after),
        orderBy: NEWEST_FIRST,
        take: page.first,
        select: FLAG_SELECT,
      }),
      this.platform.prisma.leadDuplicateFlag.count({ where }),
    ]);
    return { rows: rows.map((r) => ({ ...r, similarity: r.similarity.toString() })), total };
  }

  /**
   * Admin decision on a probable duplicate: DISMISS keeps both; MERGE archives the flagged lead and
   * fills the kept lead's missing fields from it. A sold lead is never archived by a merge.
   */
  async resolveDuplicate(principal: Principal, flagId: string, action: 'DISMISS' | 'MERGE'): Promise<LeadsOutcome<DuplicateFlagRow>> {
    if (!isPlatformAdmin(principal) || principal.kind !== 'user') throw forbidden();
    const outcome = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ lead_id: string; matched_lead_id: string; status: string; sold_count: number }>(
        `SELECT f.lead_id, f.matched_lead_id, f.status, l.sold_count FROM lead_duplicate_flags f JOIN leads l ON l.id = f.lead_id
          WHERE f.id = $1 FOR UPDATE OF f`,
        [flagId],
      );
      const flag = rows[0];
      if (!flag) return 'NOT_FOUND' as const;
      if (flag.status !== 'OPEN') return 'RESOLVED' as const;
      if (action === 'MERGE' && flag.sold_count > 0) return 'SOLD' as const;
      if (action === 'MERGE') {
        await tx.query(
          `UPDATE leads k SET ${MERGEABLE.map((c) => `${c} = COALESCE(k.${c}, d.${c})`).join(', ')}, updated_at = now()
             FROM leads d WHERE k.id = $1 AND d.id = $2`,
          [flag.matched_lead_id, flag.lead_id],
        );
        await tx.query(`UPDATE leads SET status = 'ARCHIVED', updated_at = now() WHERE id = $1`, [flag.lead_id]);
        // Other open flags on the archived lead are settled by the same decision.
        await tx.query(
          `UPDATE lead_duplicate_flags SET status = 'MERGED', resolved_by_id = $2, resolved_at = now()
            WHERE status = 'OPEN' AND (lead_id = $1 OR matched_lead_id = $1)`,
          [flag.lead_id, principal.userId],
        );
      }
      await tx.query(
        `UPDATE lead_duplicate_flags SET status = $2, resolved_by_id = $3, resolved_at = now() WHERE id = $1 AND status = 'OPEN'`,
        [flagId, action === 'MERGE' ? 'MERGED' : 'DISMISSED', principal.userId],
      );
      await recordAuditSql(tx, principal, {
        action: action === 'MERGE' ? 'lead.duplicate_merged' : 'lead.duplicate_dismissed',
        targetType: 'Lead',
        targetId: flag.lead_id,
        details: { flagId, keptLeadId: flag.matched_lead_id },
      });
      return 'DONE' as const;
    });
    if (outcome === 'NOT_FOUND') throw notFound('Duplicate flag');
    if (outcome === 'RESOLVED') return fail(LeadsErrorCode.WRONG_STATE, 'This probable duplicate has already been reviewed.');
    if (outcome === 'SOLD')
      return fail(LeadsErrorCode.WRONG_STATE, 'The flagged lead has been sold, so it cannot be merged away. Keep both.');
    const { rows } = await this.duplicateFlagById(flagId);
    return ok(rows);
  }

  private async duplicateFlagById(id: string): Promise<{ rows: DuplicateFlagRow }> {
    const r = await this.platform.prisma.leadDuplicateFlag.findUniqueOrThrow({
      where: { id },
      select: FLAG_SELECT,
    });
    return { rows: { ...r, similarity: r.similarity.toString() } };
  }
}
