/**
 * A recommendation's reply deadline on China's calendar (DOMAIN.md §2: the agency answers in
 * writing within two months, configurable). Dates are 'YYYY-MM-DD' strings. Pure.
 */
import { addCalendarMonths, chinaDate } from '@pgov/reference-data';
import type { RecommendationStatus } from './recommendation-states';

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
