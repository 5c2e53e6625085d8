-- No query reads it: the duplicate search narrows by (grid_code, category, submitted_at) and
-- compares titles with similarity(), the title search uses the spaced title's index with the
-- district. Every new clue paid for it: its CJK title's trigrams extracted and inserted once more
-- (tools/bench/submit.ts: 350 → 370 clues/s).
-- DropIndex
DROP INDEX "clue_title_trgm_idx";
