/**
 * "Every letter gets a reply" (群众来信件件有回复, DOMAIN.md §3): what a reply does to a petition. Pure.
 *  - PROCEDURAL: once per petition, answers the 7-day deadline; RECEIVED → ACKNOWLEDGED. A referred
 *    petition's letter still gets it (no state change then).
 *  - PROGRESS: while the petition is ACKNOWLEDGED or IN_PROGRESS; the first progress or result reply
 *    answers the 3-month deadline.
 *  - RESULT: IN_PROGRESS → CONCLUDED, once a leader owns it where ownership is required.
 * On time means sent by the deadline the kind answers, whether or not that deadline was already met.
 */
import { z } from 'zod';
import { REPLY_KINDS, type ReplyKind } from '@pgov/contracts';
import type { Identity } from '@pgov/auth';
import { Conflict } from '@pgov/errors';
import { deadlineOf, dueAtOf, isOnTime, nextDueAt } from './deadlines';
import { petitionId, trimmed } from './input-rules';
import { assertMayChange, canHandlePetition } from './petition-access';
import { assertMayConclude } from './petition-ownership';
import { nextStatus, type PetitionStatus } from './petition-states';
import type { PetitionSubject } from './petition-subject';

export const replyInput = z.object({ petitionId, kind: z.enum(REPLY_KINDS), text: trimmed(1, 5000) });
export type ReplyInput = z.infer<typeof replyInput>;

/** Answered as CONFLICT naming the current status (`from`) and the reply kind. */
export class ReplyRefused extends Conflict {
  constructor(from: PetitionStatus, kind: ReplyKind, why: string) {
    super(`a ${kind} reply cannot be recorded: ${why}`, { from, kind });
  }
}

export interface ReplyDecision {
  kind: ReplyKind;
  text: string;
  repliedAt: Date;
  /** The deadline it answers, and whether it came by then. */
  dueAt: Date;
  onTime: boolean;
  /** The state change it makes, if any. */
  transition: { from: PetitionStatus; to: PetitionStatus } | null;
  proceduralRepliedAt: Date | null;
  resultRepliedAt: Date | null;
  nextDueAt: Date | null;
}

export function decideReply(identity: Identity, petition: PetitionSubject | null, input: ReplyInput, now: Date): ReplyDecision {
  assertMayChange(identity, petition, input.petitionId, canHandlePetition, "only the district's procurators, leaders and clerks, and city admins, reply to petitioners");
  const from = petition.status;
  let to = from;
  switch (input.kind) {
    case 'PROCEDURAL':
      if (petition.proceduralRepliedAt) throw new ReplyRefused(from, input.kind, 'the procedural reply was already sent');
      if (from === 'CLOSED') throw new ReplyRefused(from, input.kind, 'the petition is closed');
      if (from === 'RECEIVED') to = nextStatus(from, 'ACKNOWLEDGE');
      break;
    case 'PROGRESS':
      if (from !== 'ACKNOWLEDGED' && from !== 'IN_PROGRESS') throw new ReplyRefused(from, input.kind, 'progress is reported on an acknowledged petition being handled');
      break;
    case 'RESULT':
      to = nextStatus(from, 'CONCLUDE');
      assertMayConclude(petition);
      break;
  }
  const answersResult = deadlineOf(input.kind) === 'RESULT';
  const after = {
    ...petition,
    status: to,
    proceduralRepliedAt: input.kind === 'PROCEDURAL' ? now : petition.proceduralRepliedAt,
    // The first progress or result reply is the one the 3-month deadline asks for.
    resultRepliedAt: answersResult ? (petition.resultRepliedAt ?? now) : petition.resultRepliedAt,
  };
  return {
    kind: input.kind,
    text: input.text,
    repliedAt: now,
    dueAt: dueAtOf(deadlineOf(input.kind), petition),
    onTime: isOnTime(input.kind, petition, now),
    transition: to === from ? null : { from, to },
    proceduralRepliedAt: after.proceduralRepliedAt,
    resultRepliedAt: after.resultRepliedAt,
    nextDueAt: nextDueAt(after),
  };
}
