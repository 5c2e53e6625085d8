-- Implied by clue_number_key: submit_clue (and the demo data) make a clue's number of its district,
-- year and sequence, so two rows with the same three would have the same number, which that index
-- refuses. Every new clue paid for checking and inserting both (tools/bench/submit.ts: 555–561 →
-- 558–594 clues/s, PostgreSQL's B-tree inserts were 15% of its CPU per clue).
-- DropIndex
DROP INDEX "clue_district_code_year_seq_key";
