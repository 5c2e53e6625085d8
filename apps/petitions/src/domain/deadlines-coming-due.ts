import { openDeadlines, type DeadlineKind, type DeadlineState } from './deadlines';

const DAY = 86_400_000;

/**
 * How many days before each deadline it is "coming due" (a warning window; 0: never announced).
 * China Standard Time keeps no daylight saving, so N days before a deadline on China's calendar is
 * exactly N × 24 hours before its instant.
 */
export interface ComingDueRules {
  proceduralDueSoonDays: number;
  resultDueSoonDays: number;
}

/** What the coming-due rule reads: the deadline state and what the sweep has already announced. */
export interface ComingDueState extends DeadlineState {
  proceduralDueSoonAt: Date | null;
  resultDueSoonAt: Date | null;
}

const windowMs = (kind: DeadlineKind, rules: ComingDueRules) => (kind === 'PROCEDURAL' ? rules.proceduralDueSoonDays : rules.resultDueSoonDays) * DAY;

/** When a deadline's warning window opens; null when its kind has none. */
export function dueSoonFrom(kind: DeadlineKind, dueAt: Date, rules: ComingDueRules): Date | null {
  const window = windowMs(kind, rules);
  return window > 0 ? new Date(dueAt.getTime() - window) : null;
}

/**
 * The latest deadline of each kind that is coming due at `now` (now + its window), or null when the
 * kind has no window: what the sweep's query looks for, the rule itself being deadlinesComingDue.
 */
export function dueSoonHorizon(now: Date, rules: ComingDueRules): Record<DeadlineKind, Date | null> {
  const horizon = (kind: DeadlineKind) => (windowMs(kind, rules) > 0 ? new Date(now.getTime() + windowMs(kind, rules)) : null);
  return { PROCEDURAL: horizon('PROCEDURAL'), RESULT: horizon('RESULT') };
}

/**
 * The sweep's coming-due decision for one petition at `now`: the deadlines still owed whose warning
 * window has opened and that have not passed (up to the deadline's instant a reply is on time; after
 * it the deadline is missed instead), not yet announced (each once, with its *_due_soon_at set in
 * the same transaction).
 */
export function deadlinesComingDue(p: ComingDueState, now: Date, rules: ComingDueRules): DeadlineKind[] {
  return openDeadlines(p)
    .filter((d) => {
      const from = dueSoonFrom(d.kind, d.dueAt, rules);
      return from !== null && from.getTime() <= now.getTime() && now.getTime() <= d.dueAt.getTime();
    })
    .filter((d) => (d.kind === 'PROCEDURAL' ? p.proceduralDueSoonAt : p.resultDueSoonAt) === null)
    .map((d) => d.kind);
}
