import { isUuid } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { PetitionStatus } from '../domain/petition-states';
import type { PetitionRow } from './petition.repository';
import type { PetitionsDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** A petition's changes (state, replies, owner, handler, referral) and their history, read in batches. */
export function petitionLifecycleRepository(db: PetitionsDb) {
  return {
    /**
     * Locks the petition's row until the transaction ends, then reads it. A concurrent change of the
     * same petition (or the deadline sweep) waits here and then reads what the first one committed.
     */
    async lock(tx: Tx, id: string): Promise<PetitionRow | null> {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT id FROM petition WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.petition.findUnique({ where: { id } });
    },

    update(tx: Tx, id: string, data: Prisma.PetitionUncheckedUpdateInput): Promise<PetitionRow> {
      return tx.petition.update({ where: { id }, data });
    },

    async addTransition(tx: Tx, row: { petitionId: string; from: PetitionStatus | null; to: PetitionStatus; by: string; note: string | null; at: Date }): Promise<void> {
      await tx.petitionTransition.create({ data: row });
    },

    async addReply(tx: Tx, row: Prisma.PetitionReplyUncheckedCreateInput): Promise<void> {
      await tx.petitionReply.create({ data: row });
    },

    async addOwnerChange(tx: Tx, row: { petitionId: string; ownerSubject: string; ownerName: string; assignedBy: string; at: Date }): Promise<void> {
      await tx.petitionOwnerChange.create({ data: row });
    },

    /** The replies of several petitions in one query, oldest first. */
    repliesOf(petitionIds: readonly string[]) {
      return db.petitionReply.findMany({ where: { petitionId: { in: petitionIds.filter(isUuid) } }, orderBy: [{ repliedAt: 'asc' }, { id: 'asc' }] });
    },

    /** The state history of several petitions in one query, oldest first. */
    transitionsOf(petitionIds: readonly string[]) {
      return db.petitionTransition.findMany({ where: { petitionId: { in: petitionIds.filter(isUuid) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    },

    /** Every owner assignment of several petitions in one query, oldest first. */
    ownerChangesOf(petitionIds: readonly string[]) {
      return db.petitionOwnerChange.findMany({ where: { petitionId: { in: petitionIds.filter(isUuid) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    },
  };
}

type Repo = ReturnType<typeof petitionLifecycleRepository>;
export type PetitionReplyRow = Awaited<ReturnType<Repo['repliesOf']>>[number];
export type PetitionTransitionRow = Awaited<ReturnType<Repo['transitionsOf']>>[number];
export type PetitionOwnerChangeRow = Awaited<ReturnType<Repo['ownerChangesOf']>>[number];
