import type { Contribution } from './contributions';

/** A clue as the indicators keep it (clue_fact). */
export interface ClueFactState {
  clueId: string;
  districtCode: string;
  source: string | null;
  category: string | null;
  submittedAt: Date | null;
  decision: 'ACCEPTED' | 'REJECTED' | null;
  decidedAt: Date | null;
  caseOpenedAt: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * What a clue counts for:
 * - CLUES_FROM_GRIDS: a grid report, in the month it was submitted;
 * - GRID_PUBLIC_INTEREST_REFERRALS: a grid report of a public-interest category, likewise;
 * - CLUE_ACCEPTANCE_RATE: a decided clue (denominator), accepted (numerator), in the month decided;
 * - CLUE_DECISION_DAYS: its days from submission to decision over 1, in the month decided;
 * - CLUE_TO_CASE_RATE: an accepted clue (denominator), a case opened on it (numerator), in the month accepted.
 */
export function clueContributions(fact: ClueFactState | null): Contribution[] {
  if (!fact) return [];
  const out: Contribution[] = [];
  const at = (indicator: Contribution['indicator'], when: Date, numerator: number, denominator: number) =>
    out.push({ indicator, districtCode: fact.districtCode, when, numerator, denominator });
  if (fact.submittedAt && fact.source === 'GRID_REPORT') {
    at('CLUES_FROM_GRIDS', fact.submittedAt, 1, 0);
    if (fact.category?.startsWith('PUBLIC_INTEREST_')) at('GRID_PUBLIC_INTEREST_REFERRALS', fact.submittedAt, 1, 0);
  }
  if (fact.decision && fact.decidedAt) {
    at('CLUE_ACCEPTANCE_RATE', fact.decidedAt, fact.decision === 'ACCEPTED' ? 1 : 0, 1);
    if (fact.submittedAt) at('CLUE_DECISION_DAYS', fact.decidedAt, (fact.decidedAt.getTime() - fact.submittedAt.getTime()) / DAY_MS, 1);
    if (fact.decision === 'ACCEPTED') at('CLUE_TO_CASE_RATE', fact.decidedAt, fact.caseOpenedAt ? 1 : 0, 1);
  }
  return out;
}
