/** The recommendation register's filter as clients send it, checked before it reaches SQL. Pure. */
import { InvalidInput } from '@pgov/errors';
import { isCalendarDate } from '@pgov/reference-data';
import type { RecommendationKind } from '@pgov/contracts';
import type { RecommendationStatus } from './recommendation-states';

export interface RecommendationFilterInput {
  status?: RecommendationStatus[] | null;
  kind?: RecommendationKind[] | null;
  overdue?: boolean | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  text?: string | null;
}

export interface RecommendationFilter {
  status: RecommendationStatus[];
  kind: RecommendationKind[];
  overdue: boolean | null;
  /** YYYY-MM-DD, inclusive */
  dueFrom: string | null;
  /** YYYY-MM-DD, inclusive */
  dueTo: string | null;
  text: string | null;
}

const MAX_TEXT = 200;

/** Bad dates and over-long text answer BAD_USER_INPUT naming filter.<field>. */
export function recommendationFilter(input: RecommendationFilterInput | null | undefined): RecommendationFilter {
  const f = input ?? {};
  for (const field of ['dueFrom', 'dueTo'] as const) {
    const value = f[field];
    if (value != null && !isCalendarDate(value)) throw new InvalidInput(`filter.${field}`, 'must be a calendar date YYYY-MM-DD');
  }
  const text = f.text?.trim() || null;
  if (text && text.length > MAX_TEXT) throw new InvalidInput('filter.text', `must be at most ${MAX_TEXT} characters`);
  return {
    status: f.status ?? [],
    kind: f.kind ?? [],
    overdue: f.overdue ?? null,
    dueFrom: f.dueFrom ?? null,
    dueTo: f.dueTo ?? null,
    text,
  };
}
