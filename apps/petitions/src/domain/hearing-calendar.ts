/** The hearing calendar's filter: China calendar dates to instants, statuses. Pure. */
import { InvalidInput } from '@pgov/errors';
import { addDays, calendarDate, fromChinaWallClock, isCalendarDate } from '@pgov/reference-data';
import type { HearingStatus } from './hearing-states';

export interface CalendarArgs {
  from?: string | null;
  to?: string | null;
  status?: readonly HearingStatus[] | null;
}

/** [start, end) instants and statuses; `to` is inclusive: the whole day in China. */
export interface CalendarFilter {
  start?: Date;
  end?: Date;
  status?: readonly HearingStatus[];
}

const startOfChinaDay = (date: string) => fromChinaWallClock(calendarDate(date));

export function calendarFilter(args: CalendarArgs): CalendarFilter {
  for (const field of ['from', 'to'] as const) {
    const value = args[field];
    if (value != null && !isCalendarDate(value)) throw new InvalidInput(field, 'must be a date YYYY-MM-DD (China)');
  }
  if (args.from && args.to && args.to < args.from) throw new InvalidInput('to', 'must not be before from');
  return {
    ...(args.from ? { start: startOfChinaDay(args.from) } : {}),
    ...(args.to ? { end: startOfChinaDay(addDays(args.to, 1)) } : {}),
    ...(args.status?.length ? { status: args.status } : {}),
  };
}
