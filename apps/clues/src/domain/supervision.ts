import { calendarDate } from '@pgov/reference-data';

/**
 * Community corrections (社区矫正): what the justice bureau's events say about one person, folded
 * into the supervision view the procuratorate keeps (dates as YYYY-MM-DD, counters). No I/O.
 */

/** What one corrections.person.* event says, by its short type (the part after `corrections.person.`). */
export type SupervisionFact =
  | { type: 'enrolled'; occurredOn: string; judgmentEffectiveOn: string }
  | { type: 'reported-in'; occurredOn: string }
  | { type: 'checked-in'; occurredOn: string }
  | { type: 'check-in-missed'; occurredOn: string }
  | { type: 'warned'; occurredOn: string; reason: string }
  | { type: 'educated'; occurredOn: string; kind: 'EDUCATION' | 'ASSISTANCE' }
  | { type: 'released'; occurredOn: string; announced: boolean };

export type SupervisionFactType = SupervisionFact['type'];

export interface SupervisionState {
  judgmentEffectiveOn: string | null;
  enrolledOn: string | null;
  reportedInOn: string | null;
  checkIns: number;
  missedCheckIns: number;
  warnings: number;
  educationSessions: number;
  releasedOn: string | null;
  releaseAnnounced: boolean | null;
}

/** A person first heard of (any event may come first: enrolment may arrive later). */
export const UNKNOWN_PERSON: SupervisionState = {
  judgmentEffectiveOn: null,
  enrolledOn: null,
  reportedInOn: null,
  checkIns: 0,
  missedCheckIns: 0,
  warnings: 0,
  educationSessions: 0,
  releasedOn: null,
  releaseAnnounced: null,
};

/** The state after one more event (each event is applied once: the caller de-duplicates by event id). */
export function applyFact(state: SupervisionState, fact: SupervisionFact): SupervisionState {
  switch (fact.type) {
    case 'enrolled':
      return { ...state, enrolledOn: fact.occurredOn, judgmentEffectiveOn: fact.judgmentEffectiveOn };
    case 'reported-in':
      return { ...state, reportedInOn: fact.occurredOn };
    case 'checked-in':
      return { ...state, checkIns: state.checkIns + 1 };
    case 'check-in-missed':
      return { ...state, missedCheckIns: state.missedCheckIns + 1 };
    case 'warned':
      return { ...state, warnings: state.warnings + 1 };
    case 'educated':
      return { ...state, educationSessions: state.educationSessions + 1 };
    case 'released':
      return { ...state, releasedOn: fact.occurredOn, releaseAnnounced: fact.announced };
  }
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDate(to).getTime() - calendarDate(from).getTime()) / 86_400_000);
}

/**
 * The day the person first presented themself: the reporting-in date, or the enrolment date when
 * enrolment was the first contact (the earlier of the two known dates).
 */
export function reportingInOn(state: Pick<SupervisionState, 'reportedInOn' | 'enrolledOn'>): string | null {
  const known = [state.reportedInOn, state.enrolledOn].filter((d): d is string => d !== null);
  return known.length === 0 ? null : known.reduce((a, b) => (b < a ? b : a));
}

/** Days from the judgment taking effect to reporting in; null until both are known. */
export function reportingDelayDays(state: Pick<SupervisionState, 'judgmentEffectiveOn' | 'reportedInOn' | 'enrolledOn'>): number | null {
  const reported = reportingInOn(state);
  return state.judgmentEffectiveOn === null || reported === null ? null : daysBetween(state.judgmentEffectiveOn, reported);
}
