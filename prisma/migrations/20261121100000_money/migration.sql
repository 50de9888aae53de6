-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('STRIPE', 'SANDBOX');

-- CreateEnum
CREATE TYPE "CreditPurchaseKind" AS ENUM ('CHECKOUT', 'AUTO_RELOAD');

-- CreateEnum
CREATE TYPE "CreditPurchaseStatus" AS ENUM ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'REFUNDED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "PaymentEventStatus" AS ENUM ('PROCESSED', 'IGNORED');

-- CreateEnum
CREATE TYPE "EarningType" AS ENUM ('LEAD_SALE', 'BONUS', 'PROGRAM', 'DATA_PACK');

-- CreateEnum
CREATE TYPE "PayoutStream" AS ENUM ('LEAD_SALES', 'PROGRAM', 'DATA_PACKS');

-- CreateEnum
CREATE TYPE "EarningStatus" AS ENUM ('PENDING', 'AVAILABLE', 'PAID', 'REVERSED');

-- CreateEnum
CREATE TYPE "PayoutAccountStatus" AS ENUM ('ONBOARDING', 'ACTIVE', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "PayoutRunTrigger" AS ENUM ('SCHEDULE', 'ADMIN');

-- CreateEnum
CREATE TYPE "PayoutRunStatus" AS ENUM ('RUNNING', 'COMPLETED');

-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('RESERVED', 'PAID', 'FAILED');

-- AlterTable
ALTER TABLE "partner_orgs" ADD COLUMN     "base_commission_rate" DECIMAL(5,4) NOT NULL DEFAULT 0.30,
ADD COLUMN     "leads_uploaded_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "verification_pass_rate" DECIMAL(5,2);

-- AlterTable
ALTER TABLE "ledger_accounts" ADD COLUMN     "tracks_balance" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "credit_packages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "credits" INTEGER NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_packages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_purchases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "package_id" UUID,
    "package_name" TEXT NOT NULL,
    "credits" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "kind" "CreditPurchaseKind" NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "status" "CreditPurchaseStatus" NOT NULL DEFAULT 'PENDING',
    "checkout_session_id" TEXT,
    "checkout_url" TEXT,
    "payment_intent_id" TEXT,
    "failure_reason" TEXT,
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "reversed_at" TIMESTAMPTZ(3),

    CONSTRAINT "credit_purchases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_profiles" (
    "workspace_id" UUID NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "customer_id" TEXT NOT NULL,
    "payment_method_id" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "auto_reload_enabled" BOOLEAN NOT NULL DEFAULT false,
    "auto_reload_threshold" INTEGER NOT NULL DEFAULT 0,
    "auto_reload_package_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_profiles_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "id" TEXT NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "PaymentEventStatus" NOT NULL,
    "note" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_earnings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_org_id" UUID NOT NULL,
    "type" "EarningType" NOT NULL,
    "stream" "PayoutStream" NOT NULL,
    "source_ref" TEXT NOT NULL,
    "lead_id" UUID,
    "description" TEXT NOT NULL,
    "sale_amount" DECIMAL(12,4),
    "rate" DECIMAL(5,4),
    "bonuses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "amount" DECIMAL(12,4) NOT NULL,
    "status" "EarningStatus" NOT NULL DEFAULT 'PENDING',
    "earned_at" TIMESTAMPTZ(3) NOT NULL,
    "available_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    "reversed_at" TIMESTAMPTZ(3),
    "reversal_reason" TEXT,
    "payout_id" UUID,

    CONSTRAINT "partner_earnings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_accounts" (
    "partner_org_id" UUID NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "account_id" TEXT NOT NULL,
    "status" "PayoutAccountStatus" NOT NULL DEFAULT 'ONBOARDING',
    "details_submitted" BOOLEAN NOT NULL DEFAULT false,
    "payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_accounts_pkey" PRIMARY KEY ("partner_org_id")
);

-- CreateTable
CREATE TABLE "payout_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "stream" "PayoutStream" NOT NULL,
    "period_key" TEXT NOT NULL,
    "trigger" "PayoutRunTrigger" NOT NULL,
    "status" "PayoutRunStatus" NOT NULL DEFAULT 'RUNNING',
    "started_by_user_id" UUID,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "payout_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "partner_org_id" UUID NOT NULL,
    "run_id" UUID,
    "stream" "PayoutStream" NOT NULL,
    "amount" DECIMAL(12,4) NOT NULL,
    "status" "PayoutStatus" NOT NULL DEFAULT 'RESERVED',
    "provider" "PaymentProvider" NOT NULL,
    "destination" TEXT NOT NULL,
    "transfer_id" TEXT,
    "failure_reason" TEXT,
    "requested_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_objects" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_objects_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_checkout_session_id_key" ON "credit_purchases"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_payment_intent_id_key" ON "credit_purchases"("payment_intent_id");

-- CreateIndex
CREATE INDEX "credit_purchases_workspace_id_created_at_idx" ON "credit_purchases"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "payment_events_received_at_idx" ON "payment_events"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "partner_earnings_source_ref_key" ON "partner_earnings"("source_ref");

-- CreateIndex
CREATE INDEX "partner_earnings_partner_org_id_earned_at_idx" ON "partner_earnings"("partner_org_id", "earned_at");

-- CreateIndex
CREATE INDEX "partner_earnings_status_available_at_idx" ON "partner_earnings"("status", "available_at");

-- CreateIndex
CREATE UNIQUE INDEX "payout_accounts_account_id_key" ON "payout_accounts"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "payout_runs_period_key_key" ON "payout_runs"("period_key");

-- CreateIndex
CREATE INDEX "payout_runs_started_at_idx" ON "payout_runs"("started_at");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_transfer_id_key" ON "payouts"("transfer_id");

-- CreateIndex
CREATE INDEX "payouts_partner_org_id_created_at_idx" ON "payouts"("partner_org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_run_id_partner_org_id_key" ON "payouts"("run_id", "partner_org_id");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_objects_idempotency_key_key" ON "sandbox_objects"("idempotency_key");


-- ───────────── Hand-written: rules Prisma cannot express ─────────────

-- Hot platform accounts (tracks_balance = false) are never updated by a posting, so concurrent entries
-- against revenue or credits issued/redeemed do not queue on one row; their balance is the sum of
-- their postings. The foreign key from postings to accounts goes for the same reason (every posting
-- would take a KEY SHARE lock on its account row, so the hot accounts would still serialise writers);
-- the trigger below refuses a posting to an unknown account instead, and accounts cannot be deleted.
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_account_id_fkey";
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One statement-level trigger replaces the per-posting apply trigger and the deferred per-posting
-- balance check of the init migration: it sees all the postings a statement inserted (an entry's
-- postings are inserted together, by LedgerService.post) and checks and applies them set-wise, once.
-- Each statement's postings must balance per entry and asset, so however an entry is written, its
-- postings sum to zero. Tracked balances move in the same statement, their rows locked in id order so
-- concurrent entries never deadlock; a CHECK refuses an overdraw.
DROP TRIGGER "ledger_postings_apply" ON "ledger_postings";
DROP TRIGGER "ledger_postings_balanced" ON "ledger_postings";
DROP FUNCTION ledger_apply_posting();
DROP FUNCTION ledger_entry_balanced();

CREATE FUNCTION ledger_apply_postings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad RECORD;
BEGIN
  -- One pass over the new postings finds an unknown account, a wrong asset or an unbalanced entry.
  SELECT * INTO bad FROM (
    SELECT 1 AS problem, n."account_id"::text AS subject, n."asset"::text AS asset, a."asset"::text AS detail
      FROM new_postings n LEFT JOIN "ledger_accounts" a ON a."id" = n."account_id"
     WHERE a."id" IS NULL OR a."asset" <> n."asset"

    UNION ALL
    SELECT 2, "entry_id"::text, "asset"::text, sum("amount")::text FROM new_postings
     GROUP BY "entry_id", "asset" HAVING sum("amount") <> 0
  ) problems LIMIT 1;
  IF FOUND THEN
    IF bad.problem = 2 THEN
      RAISE EXCEPTION 'journal entry % does not balance: % postings sum to %', bad.subject, bad.asset, bad.detail
        USING ERRCODE = 'check_violation';
    ELSIF bad.detail IS NULL THEN
      RAISE EXCEPTION 'posting to unknown account %', bad.subject USING ERRCODE = 'foreign_key_violation';
    END IF;
    RAISE EXCEPTION 'posting asset % does not match account asset %', bad.asset, bad.detail USING ERRCODE = 'check_violation';
  END IF;

  -- The tracked accounts are locked in id order (the sub-select) before their balances move.
  UPDATE "ledger_accounts" a SET "balance" = a."balance" + t.total
    FROM (SELECT "account_id", sum("amount") AS total FROM new_postings GROUP BY "account_id") t,
         (SELECT "id" FROM "ledger_accounts" WHERE "id" IN (SELECT "account_id" FROM new_postings) AND "tracks_balance"
           ORDER BY "id" FOR NO KEY UPDATE) locked
   WHERE a."id" = t."account_id" AND a."id" = locked."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_postings_apply" AFTER INSERT ON "ledger_postings"
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_postings();

ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_untracked_may_go_negative"
  CHECK ("tracks_balance" OR "allow_negative");

ALTER TABLE "credit_packages" ADD CONSTRAINT "credit_packages_positive"
  CHECK ("credits" > 0 AND "price_cents" > 0);
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_positive"
  CHECK ("credits" > 0 AND "amount_cents" > 0);
-- At most one auto-reload waiting for its payment per workspace.
CREATE UNIQUE INDEX "credit_purchases_one_pending_auto_reload" ON "credit_purchases" ("workspace_id")
  WHERE "kind" = 'AUTO_RELOAD' AND "status" = 'PENDING';
ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_threshold_non_negative"
  CHECK ("auto_reload_threshold" >= 0);

ALTER TABLE "partner_orgs" ADD CONSTRAINT "partner_orgs_commission_rate_range"
  CHECK ("base_commission_rate" >= 0 AND "base_commission_rate" <= 0.5);
ALTER TABLE "partner_earnings" ADD CONSTRAINT "partner_earnings_amount_non_negative" CHECK ("amount" >= 0);
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_amount_positive" CHECK ("amount" > 0);
-- One payout in flight per partner and stream: a request and a scheduled run cannot both reserve.
CREATE UNIQUE INDEX "payouts_one_reserved_per_stream" ON "payouts" ("partner_org_id", "stream")
  WHERE "status" = 'RESERVED';

-- Provider events are facts: stored once, never changed.
CREATE TRIGGER payment_events_immutable BEFORE UPDATE OR DELETE ON "payment_events"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The product's credit packages (seed 000 §7.1); admins edit them from here on.
INSERT INTO "credit_packages" ("name", "credits", "price_cents", "sort_order") VALUES
  ('Starter', 1000, 7500, 1),
  ('Growth', 5000, 30000, 2),
  ('Scale', 10000, 50000, 3),
  ('Enterprise', 25000, 100000, 4);
