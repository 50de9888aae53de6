-- CreateEnum
CREATE TYPE "LeadSegmentStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "lead_segments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "created_by_id" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "filters" JSONB NOT NULL,
    "status" "LeadSegmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "last_count" INTEGER,
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_segments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_segments_workspace_id_created_at_idx" ON "lead_segments"("workspace_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_segments_workspace_id_name_key" ON "lead_segments"("workspace_id", "name");


-- ───────────── hand-written ─────────────
ALTER TABLE "lead_segments"
  ADD CONSTRAINT "lead_segments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "lead_segments_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 120),
  ADD CONSTRAINT "lead_segments_last_count_check" CHECK ("last_count" IS NULL OR "last_count" >= 0);
