-- AlterTable
ALTER TABLE "workspace_memberships" ADD COLUMN     "monthly_credit_limit" DECIMAL(14,4);


-- ───────────── hand-written ─────────────
ALTER TABLE "workspace_memberships"
  ADD CONSTRAINT "workspace_memberships_monthly_credit_limit_check" CHECK ("monthly_credit_limit" IS NULL OR "monthly_credit_limit" >= 0);
-- A member's spend this month, for the limit check at checkout.
CREATE INDEX "lead_purchases_buyer_month_idx" ON "lead_purchases" ("workspace_id", "buyer_user_id", "completed_at");
