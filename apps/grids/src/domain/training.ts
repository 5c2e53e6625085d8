import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { Conflict, Forbidden, InvalidInput } from '@pgov/errors';
import { addDays, CITY_CODE, isCalendarDate, isDistrictOfCity, PERIOD_EXAMPLES, periodDates, type PeriodDates, type PeriodKind } from '@pgov/reference-data';
import { canManageTrainings, canNameAttendee, mayAttendFromDistrict, type MemberOfDistrict } from './training-access';

/**
 * Trainings (业务培训): the rules of creating one and recording who attended. No I/O.
 *
 * Dates: `heldOn` is a calendar date in China. A training may be registered ahead, up to
 * MAX_DAYS_AHEAD after today, and not before EARLIEST_HELD_ON; attendance is recorded from the
 * day it is held (an attendance list of a training still to come would be a guess).
 */
const TITLE_MAX = 200;
const MAX_DAYS_AHEAD = 366;
const EARLIEST_HELD_ON = '2000-01-01';
/** Members named in one call: a sign-in sheet, not a bulk import. */
const MAX_MEMBERS_PER_CALL = 500;

const calendarDateText = z.string().refine(isCalendarDate, 'must be a date that exists, YYYY-MM-DD');

export const createTrainingInput = z.object({
  title: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`)),
  districtCode: z.string().refine((c) => c === CITY_CODE || isDistrictOfCity(c), 'must be 610100 (the city) or one of its 13 districts'),
  heldOn: calendarDateText,
});

export const recordTrainingAttendanceInput = z.object({
  trainingId: z.string().min(1, 'must not be empty'),
  memberIds: z
    .array(z.string())
    .min(1, 'must name at least one member')
    .max(MAX_MEMBERS_PER_CALL, `must name at most ${MAX_MEMBERS_PER_CALL} members per call`),
});

export type CreateTrainingInput = z.infer<typeof createTrainingInput>;
export type RecordTrainingAttendanceInput = z.infer<typeof recordTrainingAttendanceInput>;

export interface NewTraining {
  title: string;
  districtCode: string;
  heldOn: string;
  createdBy: string;
}

/** A new training from the caller and the parsed input; `today` is the date in China. */
export function decideNewTraining(identity: Identity, input: CreateTrainingInput, today: string): NewTraining {
  if (!canManageTrainings(identity, input.districtCode)) {
    throw new Forbidden(`trainings of ${input.districtCode} are created by CITY_ADMIN or that district's LEADER and CLERK`);
  }
  if (input.heldOn < EARLIEST_HELD_ON) throw new InvalidInput('input.heldOn', `must be on or after ${EARLIEST_HELD_ON}`);
  const latest = addDays(today, MAX_DAYS_AHEAD);
  if (input.heldOn > latest) throw new InvalidInput('input.heldOn', `must be at most ${MAX_DAYS_AHEAD} days ahead (${latest})`);
  return { title: input.title, districtCode: input.districtCode, heldOn: input.heldOn, createdBy: identity.subject };
}

export interface TrainingFacts {
  districtCode: string;
  /** YYYY-MM-DD */
  heldOn: string;
}

/**
 * The members to record, each once, in the order asked. `known` holds the members found among
 * `memberIds`; a member missing from it, or one the caller may not see, is "unknown" (the same
 * answer either way, so nothing leaks about other districts' members).
 */
export function decideAttendees(
  identity: Identity,
  training: TrainingFacts,
  memberIds: readonly string[],
  known: ReadonlyMap<string, MemberOfDistrict>,
  today: string,
): MemberOfDistrict[] {
  if (!canManageTrainings(identity, training.districtCode)) {
    throw new Forbidden(`attendance at trainings of ${training.districtCode} is recorded by CITY_ADMIN or that district's LEADER and CLERK`);
  }
  if (training.heldOn > today) throw new Conflict(`the training is held on ${training.heldOn}: attendance is recorded from that day on`);
  const attendees = new Map<string, MemberOfDistrict>();
  memberIds.forEach((id, index) => {
    if (attendees.has(id)) return;
    const member = known.get(id);
    const field = `input.memberIds.${index}`;
    if (!member || !canNameAttendee(identity, member)) throw new InvalidInput(field, 'unknown member');
    if (!mayAttendFromDistrict(identity, training.districtCode, member.districtCode)) {
      throw new InvalidInput(field, `is a member of another district than the training's (${training.districtCode})`);
    }
    attendees.set(id, member);
  });
  return [...attendees.values()];
}

/** List arguments `from` / `to` (inclusive dates) as [from, until); either end may be open. */
export function heldOnRange(from: string | null | undefined, to: string | null | undefined): { from?: string; until?: string } {
  if (from != null && !isCalendarDate(from)) throw new InvalidInput('from', 'must be a date that exists, YYYY-MM-DD');
  if (to != null && !isCalendarDate(to)) throw new InvalidInput('to', 'must be a date that exists, YYYY-MM-DD');
  if (from != null && to != null && to < from) throw new InvalidInput('to', 'must not be before from');
  return { ...(from != null ? { from } : {}), ...(to != null ? { until: addDays(to, 1) } : {}) };
}

/** The dates of a statistics period, or BAD_USER_INPUT on `period`. */
export function statsPeriod(kind: PeriodKind, period: string): PeriodDates {
  const dates = periodDates(kind, period);
  if (!dates) throw new InvalidInput('period', `is not a ${kind.toLowerCase()} like ${PERIOD_EXAMPLES[kind]}`);
  return dates;
}
