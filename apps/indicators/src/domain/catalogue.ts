/**
 * The 17 seeded indicators (DOMAIN.md §4) and how each one's value is formed from its numerator
 * and denominator. Name, description, target and scope are the catalogue's (editable by a
 * CITY_ADMIN); unit and direction belong to the computation and are fixed here.
 */
export const INDICATOR_CODES = [
  'CLUES_FROM_GRIDS',
  'CLUE_ACCEPTANCE_RATE',
  'CLUE_TO_CASE_RATE',
  'CLUE_DECISION_DAYS',
  'RECOMMENDATIONS_ISSUED',
  'RECOMMENDATION_REPLY_ON_TIME_RATE',
  'RECOMMENDATION_ADOPTION_RATE',
  'RECTIFICATION_RATE',
  'PROCEDURAL_REPLY_7D_RATE',
  'RESULT_REPLY_3M_RATE',
  'LEADERSHIP_OWNERSHIP_RATE',
  'PUBLIC_HEARINGS_HELD',
  'HEARING_OPINION_ADOPTION_RATE',
  'INFORMANT_GRID_COVERAGE',
  'MEMBERS_TRAINED',
  'GRID_PUBLIC_INTEREST_REFERRALS',
  'ADMIN_DISPUTES_RESOLVED_AT_HEARINGS',
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];
export type IndicatorUnit = 'COUNT' | 'RATE' | 'DAYS';
export type IndicatorDirection = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export const INDICATOR_UNITS: Record<IndicatorCode, IndicatorUnit> = {
  CLUES_FROM_GRIDS: 'COUNT',
  CLUE_ACCEPTANCE_RATE: 'RATE',
  CLUE_TO_CASE_RATE: 'RATE',
  CLUE_DECISION_DAYS: 'DAYS',
  RECOMMENDATIONS_ISSUED: 'COUNT',
  RECOMMENDATION_REPLY_ON_TIME_RATE: 'RATE',
  RECOMMENDATION_ADOPTION_RATE: 'RATE',
  RECTIFICATION_RATE: 'RATE',
  PROCEDURAL_REPLY_7D_RATE: 'RATE',
  RESULT_REPLY_3M_RATE: 'RATE',
  LEADERSHIP_OWNERSHIP_RATE: 'RATE',
  PUBLIC_HEARINGS_HELD: 'COUNT',
  HEARING_OPINION_ADOPTION_RATE: 'RATE',
  INFORMANT_GRID_COVERAGE: 'RATE',
  MEMBERS_TRAINED: 'COUNT',
  GRID_PUBLIC_INTEREST_REFERRALS: 'COUNT',
  ADMIN_DISPUTES_RESOLVED_AT_HEARINGS: 'COUNT',
};

export function isIndicatorCode(code: string): code is IndicatorCode {
  return (INDICATOR_CODES as readonly string[]).includes(code);
}

/** A count is its numerator; a rate or a mean (days) is numerator / denominator, none while nothing is counted. */
export function valueOf(unit: IndicatorUnit, numerator: number, denominator: number): number | null {
  if (unit === 'COUNT') return numerator;
  return denominator === 0 ? null : numerator / denominator;
}
