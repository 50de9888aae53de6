-- CreateEnum
CREATE TYPE "LeadPurchaseStatus" AS ENUM ('COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "LeadExportMode" AS ENUM ('VALID_ONLY', 'VALID_AND_CATCH_ALL');

-- CreateTable
CREATE TABLE "cart_items" (
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "exclusive" BOOLEAN NOT NULL DEFAULT false,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_items_pkey" PRIMARY KEY ("workspace_id","user_id","lead_id")
);

-- CreateTable
CREATE TABLE "lead_purchases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "buyer_user_id" UUID,
    "status" "LeadPurchaseStatus" NOT NULL,
    "lead_count" INTEGER NOT NULL,
    "total_usd" DECIMAL(14,4) NOT NULL,
    "credits" DECIMAL(14,4) NOT NULL,
    "export_mode" "LeadExportMode" NOT NULL DEFAULT 'VALID_ONLY',
    "filters" JSONB,
    "idempotency_key" TEXT NOT NULL,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "downloadable_until" TIMESTAMPTZ(3),

    CONSTRAINT "lead_purchases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_purchase_items" (
    "purchase_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "price_usd" DECIMAL(12,4) NOT NULL,
    "credits" DECIMAL(14,4) NOT NULL,
    "exclusive" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_purchase_items_pkey" PRIMARY KEY ("purchase_id","lead_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_purchases_idempotency_key_key" ON "lead_purchases"("idempotency_key");

-- CreateIndex
CREATE INDEX "lead_purchases_workspace_id_created_at_idx" ON "lead_purchases"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_purchase_items_lead_id_idx" ON "lead_purchase_items"("lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_purchase_items_workspace_id_lead_id_key" ON "lead_purchase_items"("workspace_id", "lead_id");

-- AddForeignKey
ALTER TABLE "lead_purchase_items" ADD CONSTRAINT "lead_purchase_items_purchase_id_fkey" FOREIGN KEY ("purchase_id") REFERENCES "lead_purchases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ───────────── hand-written: what Prisma cannot express ─────────────

ALTER TABLE "cart_items"
  ADD CONSTRAINT "cart_items_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "cart_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "cart_items_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE;
ALTER TABLE "lead_purchases"
  ADD CONSTRAINT "lead_purchases_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id"),
  ADD CONSTRAINT "lead_purchases_amounts_check" CHECK ("lead_count" >= 0 AND "total_usd" >= 0 AND "credits" >= 0);
ALTER TABLE "lead_purchase_items"
  ADD CONSTRAINT "lead_purchase_items_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id"),
  ADD CONSTRAINT "lead_purchase_items_amounts_check" CHECK ("price_usd" >= 0 AND "credits" >= 0);

-- A bought lead cannot be deleted (the item's foreign key): upload rejections and rollbacks delete unsold leads only.
