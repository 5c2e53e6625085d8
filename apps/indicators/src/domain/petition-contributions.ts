import { LEADERSHIP_OWNED_CATEGORIES } from '@pgov/contracts';
import type { Contribution } from './contributions';

/** A petition as the indicators keep it (petition_fact). */
export interface PetitionFactState {
  petitionId: string;
  districtCode: string;
  category: string | null;
  firstTime: boolean | null;
  receivedAt: Date | null;
  proceduralReplyDueAt: Date | null;
  resultReplyDueAt: Date | null;
  /** The first procedural reply, and whether it met its deadline. */
  proceduralRepliedAt: Date | null;
  proceduralOnTime: boolean | null;
  /** When the sweep found the 7-day deadline missed. */
  proceduralMissedAt: Date | null;
  /** The first progress or result reply, and whether it met the 3-month deadline. */
  resultRepliedAt: Date | null;
  resultOnTime: boolean | null;
  resultMissedAt: Date | null;
  /** The first owner assignment (a reassignment keeps it). */
  ownerAssignedAt: Date | null;
}

export type DeadlineKind = 'PROCEDURAL' | 'RESULT';

const earliest = (kept: Date | null, seen: Date): Date => (kept && kept.getTime() <= seen.getTime() ? kept : seen);

// Each event folds into the fact the same whatever order a petition's events come in: the earliest
// reply, miss and assignment win, and receipt's facts fill what a later event had to guess.

/** A reply: the first one of its deadline (PROCEDURAL, or PROGRESS / RESULT for the 3-month one) is kept. */
export function withReply(f: PetitionFactState, r: { kind: 'PROCEDURAL' | 'PROGRESS' | 'RESULT'; repliedAt: Date; dueAt: Date; onTime: boolean }): PetitionFactState {
  const isFirst = (kept: Date | null) => !kept || r.repliedAt.getTime() < kept.getTime();
  if (r.kind === 'PROCEDURAL') {
    const first = isFirst(f.proceduralRepliedAt) ? { proceduralRepliedAt: r.repliedAt, proceduralOnTime: r.onTime } : {};
    return { ...f, proceduralReplyDueAt: f.proceduralReplyDueAt ?? r.dueAt, ...first };
  }
  const first = isFirst(f.resultRepliedAt) ? { resultRepliedAt: r.repliedAt, resultOnTime: r.onTime } : {};
  return { ...f, resultReplyDueAt: f.resultReplyDueAt ?? r.dueAt, ...first };
}

/** A missed deadline, as the petitions' overdue sweep announced it (once; the earliest is kept). */
export function withDeadlineMissed(f: PetitionFactState, m: { kind: DeadlineKind; dueAt: Date; detectedAt: Date }): PetitionFactState {
  return m.kind === 'PROCEDURAL'
    ? { ...f, proceduralReplyDueAt: f.proceduralReplyDueAt ?? m.dueAt, proceduralMissedAt: earliest(f.proceduralMissedAt, m.detectedAt) }
    : { ...f, resultReplyDueAt: f.resultReplyDueAt ?? m.dueAt, resultMissedAt: earliest(f.resultMissedAt, m.detectedAt) };
}

/** An owner assigned (or replaced): the petition has had an owner since the first assignment. */
export function withOwner(f: PetitionFactState, o: { category: string; firstTime: boolean; assignedAt: Date }): PetitionFactState {
  return { ...f, category: f.category ?? o.category, firstTime: f.firstTime ?? o.firstTime, ownerAssignedAt: earliest(f.ownerAssignedAt, o.assignedAt) };
}

/** Whether a deadline was met (1), not met (0), or is not yet known (null: neither replied nor missed). */
function deadlineMet(repliedAt: Date | null, onTime: boolean | null, missedAt: Date | null): 0 | 1 | null {
  if (repliedAt) return onTime ? 1 : 0;
  return missedAt ? 0 : null;
}

export const isLeadershipOwned = (category: string | null): boolean => category !== null && (LEADERSHIP_OWNED_CATEGORIES as readonly string[]).includes(category);

/**
 * What a petition counts for, all in the month it was received (nothing before its receipt is known):
 * - PROCEDURAL_REPLY_7D_RATE: its first procedural reply (numerator: it came by the 7-day deadline),
 *   or, without one, the deadline missed (0 / 1); neither yet: nothing. A late reply after a miss is
 *   still one 0 / 1;
 * - RESULT_REPLY_3M_RATE: the same with its first progress or result reply and the 3-month deadline;
 * - LEADERSHIP_OWNERSHIP_RATE: a first-time petition of the three leadership-owned kinds
 *   (denominator), with an owner assigned (numerator).
 */
export function petitionContributions(fact: PetitionFactState | null): Contribution[] {
  if (!fact?.receivedAt) return [];
  const when = fact.receivedAt;
  const out: Contribution[] = [];
  const at = (indicator: Contribution['indicator'], numerator: number, denominator: number) =>
    out.push({ indicator, districtCode: fact.districtCode, when, numerator, denominator });
  const procedural = deadlineMet(fact.proceduralRepliedAt, fact.proceduralOnTime, fact.proceduralMissedAt);
  if (procedural !== null) at('PROCEDURAL_REPLY_7D_RATE', procedural, 1);
  const result = deadlineMet(fact.resultRepliedAt, fact.resultOnTime, fact.resultMissedAt);
  if (result !== null) at('RESULT_REPLY_3M_RATE', result, 1);
  if (fact.firstTime && isLeadershipOwned(fact.category)) at('LEADERSHIP_OWNERSHIP_RATE', fact.ownerAssignedAt ? 1 : 0, 1);
  return out;
}
