-- The procurator's queue counts its totalCount over a district's clues on every page; these two
-- indexes let PostgreSQL count from an index instead of visiting (and mostly discarding) the rows.
-- Measured on the large demo data (district 610113, ~82,000 clues): the queue's count filtered by
-- status and category from ~15 ms to ~2 ms, its "overdue" count from ~9 ms to ~2 ms (index-only
-- scans, on pages VACUUM has marked all-visible), the title search's count from ~21 ms to ~11 ms.

-- Hand-written: btree_gin (a trusted extension: the database owner may create it) lets the title's
-- trigram index also hold district_code, so a district's title search reads that district's
-- entries in one index scan instead of the city's matches ANDed with a bitmap of its ~80,000 rows.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- DropIndex
DROP INDEX "clue_district_code_status_idx";

-- DropIndex
DROP INDEX "clue_title_chars_trgm_idx";

-- CreateIndex
CREATE INDEX "clue_district_code_title_chars_trgm_idx" ON "clue" USING GIN ("district_code" bpchar_ops, "title_chars" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "clue_district_code_status_category_submitted_at_idx" ON "clue"("district_code", "status", "category", "submitted_at");
