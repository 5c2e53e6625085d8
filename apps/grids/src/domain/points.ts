/** What a clue earns its reporter. Amounts are configuration; the rules are here. */
export interface PointsRules {
  clueReported: number;
}

export type PointsReason = 'CLUE_REPORTED' | 'CLUE_ACCEPTED' | 'CLUE_CASE_OPENED';

export interface SubmittedClue {
  clueId: string;
  source: string;
  reporterMemberId: string | null;
}

/**
 * A grid report names its reporter; it earns the reporting credit. Anonymous clues and clues from
 * other sources earn nobody anything.
 */
export function creditForSubmittedClue(
  clue: SubmittedClue,
  rules: PointsRules,
): { memberId: string; points: number; reason: PointsReason } | null {
  if (clue.reporterMemberId == null || clue.source !== 'GRID_REPORT' || rules.clueReported <= 0) return null;
  return { memberId: clue.reporterMemberId, points: rules.clueReported, reason: 'CLUE_REPORTED' };
}
