-- CreateEnum
CREATE TYPE "ServiceRequestStatus" AS ENUM ('PENDING_CONFIRMATION', 'ROUTING', 'ROUTED', 'UNROUTABLE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ServiceRequestFeedback" AS ENUM ('OFFER_NOT_COMPETITIVE', 'NO_LONGER_INTERESTED', 'CHOSE_PROVIDER_ON_PLATFORM', 'CHOSE_PROVIDER_OFF_PLATFORM');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ACTIVE', 'DECLINED', 'REFUNDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "AssignmentOutcome" AS ENUM ('CONVERTED', 'NOT_A_FIT', 'DUPLICATE', 'BAD_LEAD', 'NO_RESPONSE');

-- CreateEnum
CREATE TYPE "DisputeReason" AS ENUM ('DUPLICATE', 'UNREACHABLE', 'OUT_OF_AREA', 'FAKE');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'UPHELD', 'REJECTED');

-- CreateEnum
CREATE TYPE "RelayThreadStatus" AS ENUM ('OPEN', 'CLOSED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "RelayDirection" AS ENUM ('PROVIDER_TO_USER', 'USER_TO_PROVIDER');

-- CreateEnum
CREATE TYPE "RelayMessageSource" AS ENUM ('EMAIL', 'CONSOLE');

-- CreateEnum
CREATE TYPE "RelayDeliveryStatus" AS ENUM ('QUEUED', 'SENDING', 'DELIVERED', 'READ', 'NOT_DELIVERED', 'HELD');

-- CreateTable
CREATE TABLE "niches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sic_codes" TEXT[],
    "default_price" DECIMAL(12,4) NOT NULL DEFAULT 25,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "niches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "niche_id" UUID NOT NULL,
    "user_id" UUID,
    "name" TEXT NOT NULL,
    "email" CITEXT NOT NULL,
    "phone" TEXT,
    "country" CHAR(2) NOT NULL,
    "region" TEXT,
    "city" TEXT,
    "postal_code" TEXT,
    "details" TEXT NOT NULL,
    "hide_email" BOOLEAN NOT NULL,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "consent_wording" TEXT NOT NULL,
    "consent_version" TEXT NOT NULL,
    "consent_ip" TEXT,
    "status" "ServiceRequestStatus" NOT NULL DEFAULT 'PENDING_CONFIRMATION',
    "confirm_token_hash" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "routing_attempts" INTEGER NOT NULL DEFAULT 0,
    "next_routing_at" TIMESTAMPTZ(3),
    "unroutable_at" TIMESTAMPTZ(3),
    "bad_address_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "feedback" "ServiceRequestFeedback",
    "feedback_note" TEXT,
    "anonymized_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_profiles" (
    "workspace_id" UUID NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "niche_ids" UUID[],
    "sic_codes" TEXT[],
    "countries" TEXT[],
    "regions" TEXT[],
    "postal_prefixes" TEXT[],
    "cap_per_day" INTEGER,
    "cap_per_week" INTEGER,
    "cap_per_month" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_profiles_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "provider_niche_prices" (
    "workspace_id" UUID NOT NULL,
    "niche_id" UUID NOT NULL,
    "price" DECIMAL(12,4) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_niche_prices_pkey" PRIMARY KEY ("workspace_id","niche_id")
);

-- CreateTable
CREATE TABLE "request_assignments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "niche_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DECIMAL(8,4) NOT NULL,
    "score_details" JSONB NOT NULL DEFAULT '{}',
    "price" DECIMAL(12,4) NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "delivered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "charge_entry_id" UUID,
    "handled_by_user_id" UUID,
    "first_response_at" TIMESTAMPTZ(3),
    "declined_at" TIMESTAMPTZ(3),
    "decline_reason" TEXT,
    "refunded_at" TIMESTAMPTZ(3),
    "refund_reason" TEXT,
    "refund_entry_id" UUID,
    "outcome" "AssignmentOutcome",
    "outcome_reason" TEXT,
    "outcome_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment_disputes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assignment_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "reason" "DisputeReason" NOT NULL,
    "note" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "created_by_user_id" UUID,
    "resolved_by_user_id" UUID,
    "resolution_note" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignment_disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_threads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assignment_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "user_id" UUID,
    "niche_id" UUID NOT NULL,
    "user_token" TEXT NOT NULL,
    "provider_token" TEXT NOT NULL,
    "status" "RelayThreadStatus" NOT NULL DEFAULT 'OPEN',
    "closed_by" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "suspended_reason" TEXT,
    "provider_first_message_at" TIMESTAMPTZ(3),
    "provider_first_message_read_at" TIMESTAMPTZ(3),
    "last_message_at" TIMESTAMPTZ(3),
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "unread_for_provider" INTEGER NOT NULL DEFAULT 0,
    "unread_for_user" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "user_id" UUID,
    "niche_id" UUID NOT NULL,
    "direction" "RelayDirection" NOT NULL,
    "source" "RelayMessageSource" NOT NULL,
    "sender_user_id" UUID,
    "subject" TEXT NOT NULL,
    "text_body" TEXT,
    "html_body" TEXT,
    "redacted_text" TEXT,
    "redacted_html" TEXT,
    "redactions" INTEGER NOT NULL DEFAULT 0,
    "raw_mime" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "parse_notes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "content_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_deliveries" (
    "message_id" UUID NOT NULL,
    "thread_id" UUID NOT NULL,
    "status" "RelayDeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "outbound_message_id" TEXT,
    "pixel_token_hash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "read_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "bounce_action" TEXT,
    "bounce_status" TEXT,
    "bounce_class" TEXT,
    "bounce_reason" TEXT,
    "last_error" TEXT,
    "held_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_deliveries_pkey" PRIMARY KEY ("message_id")
);

-- CreateTable
CREATE TABLE "relay_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "thread_id" UUID,
    "message_id" UUID,
    "reason" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "relay_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_quarantine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID,
    "reason" TEXT NOT NULL,
    "raw_mime" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "max_message_bytes" INTEGER NOT NULL DEFAULT 10485760,
    "max_attachment_bytes" INTEGER NOT NULL DEFAULT 10485760,
    "messages_per_thread_per_hour" INTEGER NOT NULL DEFAULT 30,
    "messages_per_user_per_hour" INTEGER NOT NULL DEFAULT 60,
    "retention_days" INTEGER NOT NULL DEFAULT 0,
    "max_providers_per_request" INTEGER NOT NULL DEFAULT 3,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_user_id" UUID,

    CONSTRAINT "relay_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "niches_slug_key" ON "niches"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "niches_name_key" ON "niches"("name");

-- CreateIndex
CREATE UNIQUE INDEX "service_requests_confirm_token_hash_key" ON "service_requests"("confirm_token_hash");

-- CreateIndex
CREATE INDEX "service_requests_user_id_created_at_idx" ON "service_requests"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "service_requests_status_next_routing_at_idx" ON "service_requests"("status", "next_routing_at");

-- CreateIndex
CREATE INDEX "request_assignments_workspace_id_delivered_at_idx" ON "request_assignments"("workspace_id", "delivered_at");

-- CreateIndex
CREATE UNIQUE INDEX "request_assignments_request_id_workspace_id_key" ON "request_assignments"("request_id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "assignment_disputes_assignment_id_key" ON "assignment_disputes"("assignment_id");

-- CreateIndex
CREATE INDEX "assignment_disputes_status_created_at_idx" ON "assignment_disputes"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "relay_threads_assignment_id_key" ON "relay_threads"("assignment_id");

-- CreateIndex
CREATE UNIQUE INDEX "relay_threads_user_token_key" ON "relay_threads"("user_token");

-- CreateIndex
CREATE UNIQUE INDEX "relay_threads_provider_token_key" ON "relay_threads"("provider_token");

-- CreateIndex
CREATE INDEX "relay_threads_workspace_id_last_message_at_idx" ON "relay_threads"("workspace_id", "last_message_at");

-- CreateIndex
CREATE INDEX "relay_threads_user_id_idx" ON "relay_threads"("user_id");

-- CreateIndex
CREATE INDEX "relay_messages_thread_id_created_at_idx" ON "relay_messages"("thread_id", "created_at");

-- CreateIndex
CREATE INDEX "relay_messages_workspace_id_created_at_idx" ON "relay_messages"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "relay_attachments_message_id_idx" ON "relay_attachments"("message_id");

-- CreateIndex
CREATE UNIQUE INDEX "relay_deliveries_pixel_token_hash_key" ON "relay_deliveries"("pixel_token_hash");

-- CreateIndex
CREATE INDEX "relay_deliveries_status_created_at_idx" ON "relay_deliveries"("status", "created_at");

-- CreateIndex
CREATE INDEX "relay_deliveries_thread_id_idx" ON "relay_deliveries"("thread_id");

-- CreateIndex
CREATE INDEX "relay_events_at_idx" ON "relay_events"("at");

-- CreateIndex
CREATE INDEX "relay_events_thread_id_at_idx" ON "relay_events"("thread_id", "at");

-- CreateIndex
CREATE INDEX "relay_events_kind_at_idx" ON "relay_events"("kind", "at");

-- CreateIndex
CREATE INDEX "relay_quarantine_created_at_idx" ON "relay_quarantine"("created_at");

-- AddForeignKey
ALTER TABLE "request_assignments" ADD CONSTRAINT "request_assignments_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "service_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_disputes" ADD CONSTRAINT "assignment_disputes_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "request_assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relay_threads" ADD CONSTRAINT "relay_threads_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "request_assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relay_messages" ADD CONSTRAINT "relay_messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "relay_threads"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relay_attachments" ADD CONSTRAINT "relay_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "relay_messages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relay_deliveries" ADD CONSTRAINT "relay_deliveries_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "relay_messages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ───────────── Hand-written: rules Prisma cannot express ─────────────

ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_niche_id_fkey" FOREIGN KEY ("niche_id") REFERENCES "niches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "provider_profiles" ADD CONSTRAINT "provider_profiles_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_niche_prices" ADD CONSTRAINT "provider_niche_prices_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_niche_prices" ADD CONSTRAINT "provider_niche_prices_niche_id_fkey" FOREIGN KEY ("niche_id") REFERENCES "niches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "request_assignments" ADD CONSTRAINT "request_assignments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "niches" ADD CONSTRAINT "niches_default_price_positive" CHECK ("default_price" > 0);
ALTER TABLE "provider_niche_prices" ADD CONSTRAINT "provider_niche_prices_positive" CHECK ("price" > 0);
ALTER TABLE "provider_profiles" ADD CONSTRAINT "provider_profiles_caps_positive"
  CHECK (coalesce("cap_per_day", 1) >= 0 AND coalesce("cap_per_week", 1) >= 0 AND coalesce("cap_per_month", 1) >= 0);
ALTER TABLE "request_assignments" ADD CONSTRAINT "request_assignments_rank_positive" CHECK ("rank" >= 1);
ALTER TABLE "relay_settings" ADD CONSTRAINT "relay_settings_single_row" CHECK ("id" = 1);
ALTER TABLE "relay_settings" ADD CONSTRAINT "relay_settings_limits_positive" CHECK (
  "max_message_bytes" > 0 AND "max_attachment_bytes" > 0 AND "messages_per_thread_per_hour" > 0
  AND "messages_per_user_per_hour" > 0 AND "retention_days" >= 0 AND "max_providers_per_request" BETWEEN 1 AND 10);
INSERT INTO "relay_settings" ("id") VALUES (1);

-- The message store is immutable: no UPDATE ever; DELETE only by the retention purge (which sets
-- hotlead.retention_purge for its transaction) and only for rows older than the retention period.
CREATE FUNCTION relay_store_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keep_days int;
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('hotlead.retention_purge', true) = 'on' THEN
    SELECT retention_days INTO keep_days FROM relay_settings WHERE id = 1;
    IF keep_days > 0 AND OLD.created_at < now() - make_interval(days => keep_days) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER relay_messages_immutable BEFORE UPDATE OR DELETE ON "relay_messages"
  FOR EACH ROW EXECUTE FUNCTION relay_store_guard();
CREATE TRIGGER relay_messages_no_truncate BEFORE TRUNCATE ON "relay_messages"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER relay_attachments_immutable BEFORE UPDATE OR DELETE ON "relay_attachments"
  FOR EACH ROW EXECUTE FUNCTION relay_store_guard();
CREATE TRIGGER relay_attachments_no_truncate BEFORE TRUNCATE ON "relay_attachments"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Inbox and oversight lists.
CREATE INDEX "request_assignments_workspace_open_idx" ON "request_assignments" ("workspace_id", "delivered_at" DESC) WHERE "status" = 'ACTIVE';
CREATE INDEX "relay_deliveries_unsettled_idx" ON "relay_deliveries" ("created_at") WHERE "status" IN ('QUEUED', 'SENDING');

-- Lists are never NULL: an empty list means "none" (countries) or "any" (regions, postal prefixes).
ALTER TABLE "niches" ALTER COLUMN "sic_codes" SET DEFAULT '{}', ALTER COLUMN "sic_codes" SET NOT NULL;
ALTER TABLE "provider_profiles"
  ALTER COLUMN "niche_ids" SET DEFAULT '{}', ALTER COLUMN "niche_ids" SET NOT NULL,
  ALTER COLUMN "sic_codes" SET DEFAULT '{}', ALTER COLUMN "sic_codes" SET NOT NULL,
  ALTER COLUMN "countries" SET DEFAULT '{}', ALTER COLUMN "countries" SET NOT NULL,
  ALTER COLUMN "regions" SET DEFAULT '{}', ALTER COLUMN "regions" SET NOT NULL,
  ALTER COLUMN "postal_prefixes" SET DEFAULT '{}', ALTER COLUMN "postal_prefixes" SET NOT NULL;

-- Raw MIME is mostly base64 that does not compress: store it out of line without trying (pglz's failed
-- attempt was ~1.4 ms per message in the relay benchmark). Durability is unchanged.
ALTER TABLE "relay_messages" ALTER COLUMN "raw_mime" SET STORAGE EXTERNAL;
