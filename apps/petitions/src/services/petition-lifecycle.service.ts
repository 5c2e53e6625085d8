import { randomUUID } from 'node:crypto';
import type { Identity } from '@pgov/auth';
import { NotFound } from '@pgov/errors';
import { parseInput } from '@pgov/graphql-kit';
import { assignHandlerInput, decideHandler } from '../domain/petition-handler';
import { assignOwnerInput, decideOwner } from '../domain/petition-ownership';
import { decideReferral, referInput } from '../domain/petition-referral';
import { decideReply, replyInput } from '../domain/petition-replies';
import { decideTransition, transitionInput } from '../domain/petition-transition';
import type { Prisma } from '../generated/prisma/client';
import type { PetitionRow } from '../persistence/petition.repository';
import type { petitionLifecycleRepository } from '../persistence/petition-lifecycle.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { enqueueOwnerAssigned, enqueueReferralMade, enqueueReplied, enqueueTransitioned } from './petition-events';

type Tx = Prisma.TransactionClient;

/**
 * A petition's life after receipt: replies, start, close, referral, owner and handler. Each change
 * is one transaction: lock the petition, decide (domain), write the row, its history and its
 * events. The lock makes concurrent changes of one petition (and the deadline sweep) queue, so the
 * second sees the first's result and is refused if it no longer applies.
 */
export function petitionLifecycleService(deps: { db: PetitionsDb; lifecycle: ReturnType<typeof petitionLifecycleRepository>; clock: () => Date }) {
  const { db, lifecycle, clock } = deps;

  /** The locked petition; a missing one is NOT_FOUND (so is another district's, decided by the domain). */
  async function lock(tx: Tx, petitionId: string): Promise<PetitionRow> {
    const petition = await lifecycle.lock(tx, petitionId);
    if (!petition) throw new NotFound('Petition', petitionId);
    return petition;
  }

  return {
    /** recordPetitionReply: the reply, its effect on state and deadlines, petitions.petition.replied (+ transitioned). */
    reply(identity: Identity, raw: unknown): Promise<PetitionRow> {
      const input = parseInput(replyInput, raw);
      return db.$transaction(async (tx) => {
        const petition = await lock(tx, input.petitionId);
        const r = decideReply(identity, petition, input, clock());
        await lifecycle.addReply(tx, {
          petitionId: petition.id,
          kind: r.kind,
          text: r.text,
          authorSubject: identity.subject,
          authorName: identity.name,
          repliedAt: r.repliedAt,
          onTime: r.onTime,
        });
        const updated = await lifecycle.update(tx, petition.id, {
          status: r.transition?.to ?? petition.status,
          proceduralRepliedAt: r.proceduralRepliedAt,
          resultRepliedAt: r.resultRepliedAt,
          nextDueAt: r.nextDueAt,
        });
        if (r.transition) {
          await lifecycle.addTransition(tx, { petitionId: petition.id, ...r.transition, by: identity.subject, note: null, at: r.repliedAt });
          await enqueueTransitioned(tx, updated, r.transition.from, r.transition.to, r.repliedAt);
        }
        await enqueueReplied(tx, updated, r);
        return updated;
      });
    },

    /** startPetitionHandling (ACKNOWLEDGED → IN_PROGRESS) and closePetition (CONCLUDED → CLOSED). */
    transition(identity: Identity, action: 'START' | 'CLOSE', raw: unknown): Promise<PetitionRow> {
      const input = parseInput(transitionInput, raw);
      return db.$transaction(async (tx) => {
        const petition = await lock(tx, input.petitionId);
        const t = decideTransition(identity, petition, action, input);
        const at = clock();
        const updated = await lifecycle.update(tx, petition.id, { status: t.to, nextDueAt: t.nextDueAt });
        await lifecycle.addTransition(tx, { petitionId: petition.id, from: t.from, to: t.to, by: identity.subject, note: t.note, at });
        await enqueueTransitioned(tx, updated, t.from, t.to, at);
        return updated;
      });
    },

    /** referPetition: → REFERRED with a new referral id, and the referral the clues service turns into one clue. */
    refer(identity: Identity, raw: unknown): Promise<PetitionRow> {
      const input = parseInput(referInput, raw);
      return db.$transaction(async (tx) => {
        const petition = await lock(tx, input.petitionId);
        const t = decideReferral(identity, petition, input);
        const at = clock();
        const referralId = randomUUID();
        const updated = await lifecycle.update(tx, petition.id, { status: t.to, referralId, referredAt: at, nextDueAt: t.nextDueAt });
        await lifecycle.addTransition(tx, { petitionId: petition.id, from: t.from, to: t.to, by: identity.subject, note: input.title, at });
        await enqueueTransitioned(tx, updated, t.from, t.to, at);
        await enqueueReferralMade(tx, updated, { referralId, clueCategory: input.clueCategory, title: input.title, description: input.description, referredBy: identity.subject, at });
        return updated;
      });
    },

    /** assignPetitionOwner: the owner on the petition, the change in its owner history, petitions.petition.owner-assigned. */
    assignOwner(identity: Identity, raw: unknown): Promise<PetitionRow> {
      const input = parseInput(assignOwnerInput, raw);
      return db.$transaction(async (tx) => {
        const petition = await lock(tx, input.petitionId);
        const owner = decideOwner(identity, petition, input);
        if (!owner) return petition;
        const at = clock();
        const updated = await lifecycle.update(tx, petition.id, { ownerSubject: owner.ownerSubject, ownerName: owner.ownerName, ownerAssignedAt: at });
        await lifecycle.addOwnerChange(tx, { petitionId: petition.id, ownerSubject: owner.ownerSubject, ownerName: owner.ownerName, assignedBy: identity.subject, at });
        await enqueueOwnerAssigned(tx, updated, owner.reassigned, at);
        return updated;
      });
    },

    /** assignPetitionHandler: whose queue the petition is in (no event: queues are this service's own). */
    assignHandler(identity: Identity, raw: unknown): Promise<PetitionRow> {
      const input = parseInput(assignHandlerInput, raw);
      return db.$transaction(async (tx) => {
        const petition = await lock(tx, input.petitionId);
        const handlerSubject = decideHandler(identity, petition, input);
        return lifecycle.update(tx, petition.id, { handlerSubject });
      });
    },
  };
}
