import type { ClueFactState } from '../domain/clue-contributions';
import { factTable } from './fact-table';

/** clue_fact: one row per clue, locked while an event changes it. The informant is never kept. */
export const clueFacts = factTable<ClueFactState>({
  table: 'clue_fact',
  key: { field: 'clueId', column: 'clue_id', cast: 'uuid' },
  created: [{ field: 'districtCode', column: 'district_code', cast: 'text' }],
  columns: [
    { field: 'districtCode', column: 'district_code', cast: 'text' },
    { field: 'source', column: 'source', cast: 'text' },
    { field: 'category', column: 'category', cast: 'text' },
    { field: 'submittedAt', column: 'submitted_at', cast: 'timestamptz' },
    { field: 'decision', column: 'decision', cast: 'text' },
    { field: 'decidedAt', column: 'decided_at', cast: 'timestamptz' },
    { field: 'caseOpenedAt', column: 'case_opened_at', cast: 'timestamptz' },
  ],
  select: `clue_id::text AS "clueId", district_code AS "districtCode", source, category, submitted_at AS "submittedAt",
           decision, decided_at AS "decidedAt", case_opened_at AS "caseOpenedAt"`,
});
