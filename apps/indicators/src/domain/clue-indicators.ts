/**
 * Indicators counted from submitted clues. Each is a filter over the clue facts; the value of a
 * jurisdiction and period is the number of facts that pass it (the city: all districts).
 */
export interface ClueCountIndicator {
  code: string;
  /** Only clues of this source count. */
  source: string;
  /** When set, only categories starting with it count. */
  categoryPrefix?: string;
}

export const CLUE_COUNT_INDICATORS: readonly ClueCountIndicator[] = [
  { code: 'CLUES_FROM_GRIDS', source: 'GRID_REPORT' },
  { code: 'GRID_PUBLIC_INTEREST_REFERRALS', source: 'GRID_REPORT', categoryPrefix: 'PUBLIC_INTEREST_' },
];

export function countsClue(indicator: ClueCountIndicator, clue: { source: string; category: string }): boolean {
  return clue.source === indicator.source && (!indicator.categoryPrefix || clue.category.startsWith(indicator.categoryPrefix));
}
