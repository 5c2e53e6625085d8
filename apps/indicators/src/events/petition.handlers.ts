import { petitionDeadlineMissed, petitionOwnerAssigned, petitionReceived, petitionReplied } from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { petitionContributions, withDeadlineMissed, withOwner, withReply, type PetitionFactState } from '../domain/petition-contributions';
import { petitionFactRepository as facts } from '../persistence/petition-fact.repository';
import { applyFactChange, type ValueChangeOptions } from '../services/value-changes';

type Tx = Prisma.TransactionClient;

/** Locks the petition's fact, folds the event in with `fold`, and moves the values by the difference in contributions. */
async function change(tx: Tx, petitionId: string, districtCode: string, fold: (f: PetitionFactState) => PetitionFactState, options: ValueChangeOptions) {
  const before = await facts.lock(tx, petitionId, districtCode);
  const after: PetitionFactState = { ...fold(before), districtCode };
  await facts.save(tx, after);
  await applyFactChange(tx, petitionContributions(before), petitionContributions(after), options);
}

/**
 * petitions.petition.v1 → petition_fact → the reply-deadline and leadership-ownership rates, and
 * what the report's overdue list reads (due, replied and missed instants). Transitions and referrals
 * count for nothing here.
 */
export function petitionHandlers(options: ValueChangeOptions) {
  return [
    on(petitionReceived, (e, tx: Tx) =>
      change(
        tx,
        e.data.petitionId,
        e.data.districtCode,
        (f) => ({
          ...f,
          category: e.data.category,
          firstTime: e.data.firstTime,
          receivedAt: new Date(e.data.receivedAt),
          proceduralReplyDueAt: new Date(e.data.proceduralReplyDueAt),
          resultReplyDueAt: new Date(e.data.resultReplyDueAt),
        }),
        options,
      ),
    ),
    on(petitionReplied, (e, tx: Tx) =>
      change(
        tx,
        e.data.petitionId,
        e.data.districtCode,
        (f) => withReply(f, { kind: e.data.kind, repliedAt: new Date(e.data.repliedAt), dueAt: new Date(e.data.dueAt), onTime: e.data.onTime }),
        options,
      ),
    ),
    on(petitionDeadlineMissed, (e, tx: Tx) =>
      change(
        tx,
        e.data.petitionId,
        e.data.districtCode,
        (f) => withDeadlineMissed(f, { kind: e.data.kind, dueAt: new Date(e.data.dueAt), detectedAt: new Date(e.data.detectedAt) }),
        options,
      ),
    ),
    on(petitionOwnerAssigned, (e, tx: Tx) =>
      change(
        tx,
        e.data.petitionId,
        e.data.districtCode,
        (f) => withOwner(f, { category: e.data.category, firstTime: e.data.firstTime, assignedAt: new Date(e.data.assignedAt) }),
        options,
      ),
    ),
  ];
}
