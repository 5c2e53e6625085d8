import { fromChinaWallClock, toChinaWallClock } from './china-time';

/**
 * Calendar dates ('YYYY-MM-DD') and reporting periods (month 2026-11, quarter 2026-Q4, year 2026)
 * as China counts them. A date column holds a China calendar date already; an instant is placed
 * on the calendar by UTC+8.
 */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

/** A period as calendar dates: `from` is its first day, `until` the day after its last. */
export interface PeriodDates {
  from: string;
  until: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD: Record<PeriodKind, RegExp> = {
  MONTH: /^(\d{4})-(0[1-9]|1[0-2])$/,
  QUARTER: /^(\d{4})-Q([1-4])$/,
  YEAR: /^(\d{4})$/,
};

/** Example of each kind, for error messages. */
export const PERIOD_EXAMPLES: Record<PeriodKind, string> = { MONTH: '2026-11', QUARTER: '2026-Q4', YEAR: '2026' };

/** 'YYYY-MM-DD' of a UTC-midnight date (how date columns and `calendarDate` results read). */
function format(utcMidnight: Date): string {
  return utcMidnight.toISOString().slice(0, 10);
}

/** True for a date that exists: 2026-02-29 and 2026-13-01 do not. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && format(d) === value;
}

/** The calendar date as a UTC-midnight Date, the value Prisma reads and writes for a date column. */
export function calendarDate(value: string): Date {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return new Date(`${value}T00:00:00.000Z`);
}

/** The date `days` after (or before, when negative) `value`. */
export function addDays(value: string, days: number): string {
  const d = calendarDate(value);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** `months` calendar months after `date`; a day the target month lacks clamps to its last day (12-31 + 2 → 02-28). */
export function addCalendarMonths(date: string, months: number): string {
  const start = calendarDate(date);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return format(firstOfTarget);
}

/** The calendar date in China of an instant: 2026-12-31T17:00Z is 2027-01-01. */
export function chinaDate(at: Date): string {
  return format(toChinaWallClock(at));
}

/** The first day and the day after the last of a period; null when `period` is not a `kind`. */
export function periodDates(kind: PeriodKind, period: string): PeriodDates | null {
  const m = PERIOD[kind].exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const [firstMonth, months] = kind === 'MONTH' ? [Number(m[2]) - 1, 1] : kind === 'QUARTER' ? [(Number(m[2]) - 1) * 3, 3] : [0, 12];
  return {
    from: format(new Date(Date.UTC(year, firstMonth, 1))),
    until: format(new Date(Date.UTC(year, firstMonth + months, 1))),
  };
}

/** A period as instants, [start, end): from midnight in China of its first day to that of the day after. */
export function periodInstants(kind: PeriodKind, period: string): { start: Date; end: Date } | null {
  const dates = periodDates(kind, period);
  if (!dates) return null;
  return { start: fromChinaWallClock(calendarDate(dates.from)), end: fromChinaWallClock(calendarDate(dates.until)) };
}
