import type { PetitionStatus, ReplyKind } from '@pgov/contracts';
import { fromChinaWallClock, toChinaWallClock } from '@pgov/reference-data';
import { isOpen } from './petition-states';

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

/** The 7-day procedural deadline, or the 3-month one a progress or result reply meets. */
export type DeadlineKind = 'PROCEDURAL' | 'RESULT';

/** What the deadline rules read of a petition. */
export interface DeadlineState {
  status: PetitionStatus;
  proceduralReplyDueAt: Date;
  resultReplyDueAt: Date;
  /** When the procedural reply was sent. */
  proceduralRepliedAt: Date | null;
  /** When the first progress or result reply was sent (the reply the 3-month deadline asks for). */
  resultRepliedAt: Date | null;
}

/** Which deadline a reply of this kind answers. */
export function deadlineOf(kind: ReplyKind): DeadlineKind {
  return kind === 'PROCEDURAL' ? 'PROCEDURAL' : 'RESULT';
}

export function dueAtOf(kind: DeadlineKind, p: Pick<DeadlineState, 'proceduralReplyDueAt' | 'resultReplyDueAt'>): Date {
  return kind === 'PROCEDURAL' ? p.proceduralReplyDueAt : p.resultReplyDueAt;
}

/** A reply sent at its deadline's instant or before is on time. */
export function isOnTime(kind: ReplyKind, p: Pick<DeadlineState, 'proceduralReplyDueAt' | 'resultReplyDueAt'>, at: Date): boolean {
  return at.getTime() <= dueAtOf(deadlineOf(kind), p).getTime();
}

/**
 * The deadlines still owed. The procedural reply is owed until sent (a referred petition's letter
 * still gets one); the 3-month reply until a progress or result reply is sent, unless the petition
 * was referred (the clue takes over) or is concluded or closed.
 */
export function openDeadlines(p: DeadlineState): { kind: DeadlineKind; dueAt: Date }[] {
  const open: { kind: DeadlineKind; dueAt: Date }[] = [];
  if (p.proceduralRepliedAt === null && p.status !== 'CLOSED') open.push({ kind: 'PROCEDURAL', dueAt: p.proceduralReplyDueAt });
  if (p.resultRepliedAt === null && isOpen(p.status)) {
    open.push({ kind: 'RESULT', dueAt: p.resultReplyDueAt });
  }
  return open;
}

/** The nearest deadline still owed (the queue's sort key); null when every reply is in. */
export function nextDueAt(p: DeadlineState): Date | null {
  const times = openDeadlines(p).map((d) => d.dueAt.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** A deadline still owed has passed. */
export function isOverdue(p: DeadlineState, now: Date): boolean {
  return openDeadlines(p).some((d) => d.dueAt.getTime() < now.getTime());
}

/** What the deadline sweep reads: the deadline state and what it has already announced. */
export interface SweepState extends DeadlineState {
  proceduralOverdueAt: Date | null;
  resultOverdueAt: Date | null;
}

/**
 * The sweep's decision for one petition at `now`: the missed deadlines not yet announced (each is
 * announced once, with its *_overdue_at set in the same transaction).
 */
export function deadlinesToAnnounce(p: SweepState, now: Date): DeadlineKind[] {
  return openDeadlines(p)
    .filter((d) => d.dueAt.getTime() < now.getTime())
    .filter((d) => (d.kind === 'PROCEDURAL' ? p.proceduralOverdueAt : p.resultOverdueAt) === null)
    .map((d) => d.kind);
}
