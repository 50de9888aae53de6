-- CreateEnum
CREATE TYPE "LeadUploadStatus" AS ENUM ('UPLOADED', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "LeadUploadReviewStatus" AS ENUM ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "LeadDuplicateFlagStatus" AS ENUM ('OPEN', 'DISMISSED', 'MERGED');

-- AlterTable
ALTER TABLE "partner_orgs" ADD COLUMN     "duplicate_rate" DECIMAL(5,2),
ADD COLUMN     "first_review_done_at" TIMESTAMPTZ(3),
ADD COLUMN     "partner_score" INTEGER,
ADD COLUMN     "uploads_suspended_at" TIMESTAMPTZ(3),
ADD COLUMN     "uploads_suspended_reason" TEXT;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "fuzzy_key" TEXT GENERATED ALWAYS AS (lower("first_name" || ' ' || "last_name" || ' ' || "company_name")) STORED,
ADD COLUMN     "min_price" DECIMAL(12,4),
ADD COLUMN     "upload_id" UUID,
ADD COLUMN     "upload_row" INTEGER;

-- CreateTable
CREATE TABLE "lead_uploads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_org_id" UUID NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "encoding" TEXT NOT NULL,
    "delimiter" TEXT NOT NULL,
    "headers" TEXT[],
    "status" "LeadUploadStatus" NOT NULL DEFAULT 'UPLOADED',
    "review_status" "LeadUploadReviewStatus" NOT NULL DEFAULT 'NOT_REQUIRED',
    "review_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "review_note" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "industry_id" UUID,
    "min_price" DECIMAL(12,4),
    "default_country" CHAR(2) NOT NULL DEFAULT 'US',
    "mapping" JSONB,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "verified" INTEGER NOT NULL DEFAULT 0,
    "probable_duplicates" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "lease_id" UUID,
    "lease_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_upload_rejections" (
    "upload_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "fields" TEXT[],

    CONSTRAINT "lead_upload_rejections_pkey" PRIMARY KEY ("upload_id","row_number")
);

-- CreateTable
CREATE TABLE "partner_column_mappings" (
    "partner_org_id" UUID NOT NULL,
    "header_key" TEXT NOT NULL,
    "field" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_column_mappings_pkey" PRIMARY KEY ("partner_org_id","header_key")
);

-- CreateTable
CREATE TABLE "lead_duplicate_flags" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "lead_id" UUID NOT NULL,
    "matched_lead_id" UUID NOT NULL,
    "similarity" DECIMAL(4,3) NOT NULL,
    "status" "LeadDuplicateFlagStatus" NOT NULL DEFAULT 'OPEN',
    "resolved_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_duplicate_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_usage" (
    "day" DATE NOT NULL,
    "provider" TEXT NOT NULL,
    "emails" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "verification_usage_pkey" PRIMARY KEY ("day","provider")
);

-- CreateIndex
CREATE INDEX "lead_uploads_partner_org_id_created_at_idx" ON "lead_uploads"("partner_org_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_uploads_review_status_created_at_idx" ON "lead_uploads"("review_status", "created_at");

-- CreateIndex
CREATE INDEX "lead_uploads_status_idx" ON "lead_uploads"("status");

-- CreateIndex
CREATE INDEX "lead_duplicate_flags_status_created_at_idx" ON "lead_duplicate_flags"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_duplicate_flags_lead_id_matched_lead_id_key" ON "lead_duplicate_flags"("lead_id", "matched_lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "leads_upload_id_upload_row_key" ON "leads"("upload_id", "upload_row");

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "lead_uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_uploads" ADD CONSTRAINT "lead_uploads_partner_org_id_fkey" FOREIGN KEY ("partner_org_id") REFERENCES "partner_orgs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_uploads" ADD CONSTRAINT "lead_uploads_industry_id_fkey" FOREIGN KEY ("industry_id") REFERENCES "industries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_upload_rejections" ADD CONSTRAINT "lead_upload_rejections_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "lead_uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_column_mappings" ADD CONSTRAINT "partner_column_mappings_partner_org_id_fkey" FOREIGN KEY ("partner_org_id") REFERENCES "partner_orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_duplicate_flags" ADD CONSTRAINT "lead_duplicate_flags_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_duplicate_flags" ADD CONSTRAINT "lead_duplicate_flags_matched_lead_id_fkey" FOREIGN KEY ("matched_lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ───────────── hand-written: what Prisma cannot express ─────────────

-- Fuzzy duplicate detection (name + company, pg_trgm similarity ≥ 0.85).
CREATE INDEX "leads_fuzzy_key_trgm_idx" ON "leads" USING gin ("fuzzy_key" gin_trgm_ops);
-- The daily re-verification picks unsold listed leads by verification age.
-- (Leads never verified stay out of it, so imports do not pay for it.)
CREATE INDEX "leads_reverify_idx" ON "leads" ("verified_at") WHERE "sold_count" = 0 AND "status" = 'LISTED' AND "verified_at" IS NOT NULL;

-- Emails are stored lower-cased (the import normalizes them), so a plain text unique index is the
-- case-insensitive duplicate rule: a citext index costs twice as much per imported row.
-- (leads_email_normalized, from the first migration, keeps them lower-cased and trimmed.)
ALTER TABLE "leads" ALTER COLUMN "email" TYPE TEXT;

ALTER TABLE "lead_uploads"
  ADD CONSTRAINT "lead_uploads_counts_check" CHECK (
    "rows_read" >= 0 AND "accepted" >= 0 AND "rejected" >= 0 AND "duplicates" >= 0 AND "verified" >= 0
    AND "probable_duplicates" >= 0 AND "accepted" + "rejected" + "duplicates" = "rows_read"
    AND "verified" <= "accepted"),
  ADD CONSTRAINT "lead_uploads_min_price_check" CHECK ("min_price" IS NULL OR "min_price" >= 0),
  ADD CONSTRAINT "lead_uploads_delimiter_check" CHECK ("delimiter" IN (',', ';', E'\t', '|'));
ALTER TABLE "leads" ADD CONSTRAINT "leads_min_price_check" CHECK ("min_price" IS NULL OR "min_price" >= 0);
ALTER TABLE "lead_duplicate_flags" ADD CONSTRAINT "lead_duplicate_flags_distinct_check" CHECK ("lead_id" <> "matched_lead_id");
ALTER TABLE "verification_usage" ADD CONSTRAINT "verification_usage_emails_check" CHECK ("emails" >= 0);

-- The scoring rules the daily bulk jobs run in SQL. They mirror freshnessScore() and listPrice() in
-- packages/domain/src/scoring.ts exactly (seed 000 Decision 6, §5.3, Decision 4); a test compares
-- both over every input combination, so the TypeScript stays the one definition.
CREATE FUNCTION lead_freshness(age_days integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT GREATEST(5, round((100 / (1 + exp(0.15 * (GREATEST(age_days, 0) - 30))))::numeric))::integer
$$;

CREATE FUNCTION lead_list_price(intent integer, freshness integer, has_phone boolean,
                                verification "VerificationStatus", min_price numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT GREATEST(
    CASE WHEN verification = 'CATCH_ALL' THEN round(p * 0.85, 4) ELSE p END,
    COALESCE(min_price, 0))
  FROM (SELECT 0.05
          * CASE WHEN intent >= 67 THEN 2.5 WHEN intent >= 34 THEN 1.5 ELSE 1 END
          * CASE WHEN freshness >= 80 THEN 1.5 WHEN freshness < 30 THEN 0.5 ELSE 1 END
          + CASE WHEN has_phone THEN 0.03 ELSE 0 END
          + CASE WHEN verification = 'VALID' THEN 0.02 ELSE 0 END AS p) AS base
$$;

-- Whole days since a lead was collected: the age freshness decays by.
CREATE FUNCTION lead_age_days(collected_at timestamptz, at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(extract(epoch FROM (at - collected_at)) / 86400)::integer
$$;
