import { fromChinaWallClock, toChinaWallClock } from '@pgov/reference-data';

/** "Every letter gets a reply": due dates derived from the receipt time (DOMAIN.md §3). */
export interface ReplyRules {
  proceduralReplyDays: number;
  resultReplyMonths: number;
}

export function replyDeadlines(receivedAt: Date, rules: ReplyRules): { proceduralReplyDueAt: Date; resultReplyDueAt: Date } {
  const procedural = new Date(receivedAt.getTime() + rules.proceduralReplyDays * 86_400_000);
  return { proceduralReplyDueAt: procedural, resultReplyDueAt: addMonths(receivedAt, rules.resultReplyMonths) };
}

/**
 * Calendar months on China Standard Time's calendar; a day missing in the target month clamps to
 * its last day (31 Jan + 1 month → 28/29 Feb).
 */
export function addMonths(at: Date, months: number): Date {
  const result = toChinaWallClock(at);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return fromChinaWallClock(result);
}
