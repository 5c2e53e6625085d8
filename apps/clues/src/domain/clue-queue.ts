/**
 * The procurator's queue: which clues are decided, which are overdue, and the list's filters as
 * criteria the store can apply. Pure: the time comes from the caller (the service clock).
 */
import { z } from 'zod';
import { CLUE_DEPARTMENTS, type ClueDepartment } from '@pgov/contracts';
import { InvalidInput } from '@pgov/errors';
import { RISK_LEVELS, type RiskLevel } from './clue-risk';
import { CLUE_STATUSES, type ClueStatus } from './clue-states';
import { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource } from './submit-clue';

const DAY_MS = 86_400_000;

/** Final decisions: a clue in one of these is no longer waiting for the procuratorate. */
export const DECIDED_STATUSES: readonly ClueStatus[] = ['REJECTED', 'CASE_OPENED', 'CLOSED_NO_ACTION'];
export const OPEN_STATUSES: readonly ClueStatus[] = CLUE_STATUSES.filter((s) => !DECIDED_STATUSES.includes(s));

export function isDecided(status: ClueStatus): boolean {
  return DECIDED_STATUSES.includes(status);
}

/** Clues submitted before this instant and still open are overdue at `now`. */
function overdueCutoff(now: Date, decisionDays: number): Date {
  return new Date(now.getTime() - decisionDays * DAY_MS);
}

/** Open, and submitted more than CLUE_DECISION_DAYS before `now`. */
export function isOverdue(clue: { status: ClueStatus; submittedAt: Date }, now: Date, decisionDays: number): boolean {
  return !isDecided(clue.status) && clue.submittedAt < overdueCutoff(now, decisionDays);
}

const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date or an ISO 8601 instant')
  .transform((s) => new Date(s));

/** ClueFilter as clients send it. */
const clueFilterInput = z.object({
  status: z.array(z.enum(CLUE_STATUSES)).nullish(),
  category: z.array(z.enum(CLUE_CATEGORIES)).nullish(),
  source: z.array(z.enum(CLUE_SOURCES)).nullish(),
  department: z.array(z.enum(CLUE_DEPARTMENTS)).nullish(),
  riskLevel: z.array(z.enum(RISK_LEVELS)).nullish(),
  overdue: z.boolean().nullish(),
  possibleDuplicate: z.boolean().nullish(),
  submittedFrom: instant.nullish(),
  submittedTo: instant.nullish(),
  text: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(200, 'must be at most 200 characters'))
    .nullish(),
});

/** What the store filters on; an absent or empty criterion does not narrow the list. */
export interface QueueCriteria {
  status?: ClueStatus[];
  category?: ClueCategory[];
  source?: ClueSource[];
  department?: ClueDepartment[];
  riskLevel?: RiskLevel[];
  /** Submitted at or after. */
  submittedFrom?: Date;
  /** Submitted before. */
  submittedTo?: Date;
  /** Case-insensitive substring of the title. */
  text?: string;
  /** Has (true) or has no (false) possible-duplicate flag that is not dismissed. */
  possibleDuplicate?: boolean;
  /** Open and submitted before `submittedBefore` (true), or not (false). */
  overdue?: { overdue: boolean; submittedBefore: Date };
}

const nonEmpty = <T>(list: T[] | null | undefined): T[] | undefined => (list?.length ? list : undefined);

/** Parses a ClueFilter (BAD_USER_INPUT naming e.g. filter.submittedFrom) into criteria at `now`. */
export function queueCriteria(raw: unknown, now: Date, decisionDays: number): QueueCriteria {
  const parsed = clueFilterInput.safeParse(raw ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InvalidInput(['filter', ...(issue?.path ?? [])].join('.'), issue?.message ?? 'is not a clue filter');
  }
  const f = parsed.data;
  return {
    status: nonEmpty(f.status),
    category: nonEmpty(f.category),
    source: nonEmpty(f.source),
    department: nonEmpty(f.department),
    riskLevel: nonEmpty(f.riskLevel),
    submittedFrom: f.submittedFrom ?? undefined,
    submittedTo: f.submittedTo ?? undefined,
    text: f.text || undefined,
    possibleDuplicate: f.possibleDuplicate ?? undefined,
    overdue: f.overdue == null ? undefined : { overdue: f.overdue, submittedBefore: overdueCutoff(now, decisionDays) },
  };
}
