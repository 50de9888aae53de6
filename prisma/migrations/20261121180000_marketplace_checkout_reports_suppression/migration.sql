-- Marketplace: card and partial payment (credits reserved while the card pays), CSV exports made by a job,
-- bad-lead reports with the bounce guarantee, the suppression list and outbound webhooks.
-- CreateEnum
CREATE TYPE "LeadExportStatus" AS ENUM ('PREPARING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "LeadReportKind" AS ENUM ('BOUNCED', 'WRONG_PERSON', 'WRONG_COMPANY', 'OTHER');

-- CreateEnum
CREATE TYPE "LeadReportStatus" AS ENUM ('OPEN', 'REFUNDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SuppressionSource" AS ENUM ('OPT_OUT_PAGE', 'ADMIN');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterEnum
ALTER TYPE "LeadPurchaseStatus" ADD VALUE 'AWAITING_PAYMENT';

-- AlterTable
ALTER TABLE "lead_purchases" ADD COLUMN     "credit_purchase_id" UUID,
ADD COLUMN     "export_error" TEXT,
ADD COLUMN     "export_file" TEXT,
ADD COLUMN     "export_rows" INTEGER,
ADD COLUMN     "export_status" "LeadExportStatus" NOT NULL DEFAULT 'PREPARING',
ADD COLUMN     "exported_at" TIMESTAMPTZ(3),
ADD COLUMN     "refunded_credits" DECIMAL(14,4) NOT NULL DEFAULT 0,
ADD COLUMN     "reserved_credits" DECIMAL(14,4) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "lead_purchase_items" ADD COLUMN     "refund_reason" TEXT,
ADD COLUMN     "refunded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "lead_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "purchase_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "reported_by_user_id" UUID,
    "kind" "LeadReportKind" NOT NULL,
    "note" TEXT,
    "status" "LeadReportStatus" NOT NULL DEFAULT 'OPEN',
    "verification" TEXT,
    "resolution" TEXT,
    "resolved_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email_hash" TEXT,
    "phone_hash" TEXT,
    "source" "SuppressionSource" NOT NULL,
    "reason" TEXT,
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_reports_status_created_at_idx" ON "lead_reports"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_reports_workspace_id_lead_id_key" ON "lead_reports"("workspace_id", "lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "suppressions_email_hash_key" ON "suppressions"("email_hash");

-- CreateIndex
CREATE UNIQUE INDEX "suppressions_phone_hash_key" ON "suppressions"("phone_hash");

-- CreateIndex
CREATE INDEX "webhook_endpoints_workspace_id_idx" ON "webhook_endpoints"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_purchases_credit_purchase_id_key" ON "lead_purchases"("credit_purchase_id");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A purchase's reservation can never exceed what it costs.
ALTER TABLE "lead_purchases" ADD CONSTRAINT "lead_purchases_reserved_le_credits" CHECK ("reserved_credits" >= 0 AND "reserved_credits" <= "credits");

-- The admin's purchase list, newest first.
CREATE INDEX "lead_purchases_created_at_idx" ON "lead_purchases" ("created_at" DESC, "id" DESC);
