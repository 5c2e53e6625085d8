/**
 * A recommendation's reply deadline on China's calendar (DOMAIN.md §2: the agency answers in
 * writing within two months, configurable). Dates are 'YYYY-MM-DD' strings. Pure.
 */
import { calendarDate, chinaDate } from '@pgov/reference-data';
import type { RecommendationStatus } from './recommendation-states';

/** `months` calendar months after `date`; a day the target month lacks clamps to its last day (12-31 + 2 → 02-28). */
export function addCalendarMonths(date: string, months: number): string {
  const start = calendarDate(date);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** The reply due date: the issue date in China plus `months` calendar months. */
export function replyDueOn(issuedAt: Date, months: number): string {
  return addCalendarMonths(chinaDate(issuedAt), months);
}

/**
 * Past due without a reply at `now`: announced OVERDUE, or still ISSUED after its due date (the
 * sweep may not have run yet). The due date itself is the last day to reply.
 */
export function isPastDue(status: RecommendationStatus, dueOn: string, now: Date): boolean {
  return status === 'OVERDUE' || (status === 'ISSUED' && chinaDate(now) > dueOn);
}

/** A reply is on time when it came on or before the due date (China's calendar). */
export function repliedOnTime(repliedAt: Date, dueOn: string): boolean {
  return chinaDate(repliedAt) <= dueOn;
}
