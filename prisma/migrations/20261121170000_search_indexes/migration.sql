-- Marketplace search (issue 5): keyset pages along the buyer's sorts over listed leads, so the first
-- and the 1,000th page of 50 each read about 51 index entries instead of sorting every match.
--
-- Raw SQL only, like the trigram indexes: Prisma's schema cannot express these partial indexes.
-- Every index on leads is paid by each lead the import writes, so there are three for five sorts:
--   * ties are broken by created_at (one value per import chunk, never updated) and then id, so an
--     import's entries land together at the end of each key's range: far fewer index pages dirtied
--     (and written to the WAL in full after a checkpoint) than with a random uuid right after the key;
--   * the price index serves PRICE_ASC read forwards and PRICE_DESC read backwards;
--   * FRESHNESS_DESC has no index and sorts the matches: freshness changes every day with the
--     rescore, and an index on it would make all of those updates non-HOT (the price index already
--     does so for the rescore's price changes).
-- Filters go through the existing (status, industry_id, country) and company_name trigram indexes.
CREATE INDEX "leads_listed_intent_idx" ON "leads" ("intent_score" DESC, "created_at" DESC, "id" DESC) WHERE "status" = 'LISTED';
CREATE INDEX "leads_listed_price_idx" ON "leads" ("list_price", "created_at", "id") WHERE "status" = 'LISTED';
CREATE INDEX "leads_listed_newest_idx" ON "leads" ("created_at" DESC, "id" DESC) WHERE "status" = 'LISTED';
