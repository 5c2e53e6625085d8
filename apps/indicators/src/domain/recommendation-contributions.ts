import type { ReplyAdoption } from '@pgov/contracts';
import type { Contribution } from './contributions';

/**
 * A procuratorial recommendation as the indicators keep it (recommendation_fact): enough for the
 * four indicators and for the report's list of overdue recommendations (number, agency, due date,
 * when announced overdue, when replied).
 */
export interface RecommendationFactState {
  recommendationId: string;
  districtCode: string;
  documentNumber: string;
  agencyName: string;
  /** China calendar date 'YYYY-MM-DD'. */
  replyDueOn: string;
  issuedAt: Date | null;
  overdueAt: Date | null;
  repliedAt: Date | null;
  repliedOnTime: boolean | null;
  adoption: ReplyAdoption | null;
  checkedAt: Date | null;
  rectified: boolean | null;
  escalatedAt: Date | null;
}

/**
 * Whether an event at `at` replaces what the fact holds from `current`: the earliest stands. A
 * recommendation has one reply and one follow-up check; should a second one arrive (or the same
 * again under another event id, or out of order) the values still agree with the recount.
 */
export const isFirst = (at: Date, current: Date | null): boolean => current === null || at.getTime() < current.getTime();

/**
 * What a recommendation counts for:
 * - RECOMMENDATIONS_ISSUED: 1, in the month it was issued;
 * - RECOMMENDATION_REPLY_ON_TIME_RATE: a reply, in the month it came, 1 over 1 when by the due date,
 *   0 over 1 when late; a recommendation announced overdue and not (yet) replied, 0 over 1 in the
 *   month of the announcement, until a late reply moves it to the reply's month (still 0 over 1,
 *   counted once). So a period's rate is: of the answers that came in it or fell overdue in it,
 *   the share on time, and the current period has a value as soon as a reply comes;
 * - RECOMMENDATION_ADOPTION_RATE: a reply (denominator) adopting or partly adopting it (numerator),
 *   in the month of the reply;
 * - RECTIFICATION_RATE: a follow-up check (denominator) finding the matter rectified (numerator), in
 *   the month of the (first) check.
 */
export function recommendationContributions(fact: RecommendationFactState | null): Contribution[] {
  if (!fact) return [];
  const out: Contribution[] = [];
  const at = (indicator: Contribution['indicator'], when: Date | string, numerator: number, denominator: number) =>
    out.push({ indicator, districtCode: fact.districtCode, when, numerator, denominator });
  if (fact.issuedAt) at('RECOMMENDATIONS_ISSUED', fact.issuedAt, 1, 0);
  if (fact.repliedAt) {
    at('RECOMMENDATION_REPLY_ON_TIME_RATE', fact.repliedAt, fact.repliedOnTime === true ? 1 : 0, 1);
    at('RECOMMENDATION_ADOPTION_RATE', fact.repliedAt, fact.adoption === 'ADOPTED' || fact.adoption === 'PARTLY_ADOPTED' ? 1 : 0, 1);
  } else if (fact.overdueAt) {
    at('RECOMMENDATION_REPLY_ON_TIME_RATE', fact.overdueAt, 0, 1);
  }
  if (fact.checkedAt) at('RECTIFICATION_RATE', fact.checkedAt, fact.rectified === true ? 1 : 0, 1);
  return out;
}
