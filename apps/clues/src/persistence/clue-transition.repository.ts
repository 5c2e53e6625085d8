import { isUuid } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import { isDecided } from '../domain/clue-queue';
import type { Transition } from '../domain/clue-transition';
import type { ClueRow } from './clue.repository';
import type { CluesDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** A clue's state changes: the row lock that serialises them, the write, and the history. */
export function clueTransitionRepository(db: CluesDb) {
  return {
    /**
     * Locks the clue's row until the transaction ends, then reads it. A concurrent transition of
     * the same clue waits here and then reads the state the first one committed.
     */
    async lockClue(tx: Tx, id: string): Promise<ClueRow | null> {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT id FROM clue WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.clue.findUnique({ where: { id } });
    },

    /** The new state on the clue (with decided_at on a final decision) and the history row, in the caller's transaction. */
    async record(tx: Tx, clueId: string, t: Transition, by: string, at: Date): Promise<ClueRow> {
      const decided = isDecided(t.to) ? { decidedAt: at } : {};
      const updated = await tx.clue.update({ where: { id: clueId }, data: { status: t.to, department: t.department, ...decided } });
      await tx.clueTransition.create({ data: { clueId, from: t.from, to: t.to, by, reason: t.reason, at, department: t.department } });
      return updated;
    },

    /** The history of several clues in one query, oldest first. */
    byClueIds(clueIds: readonly string[]) {
      return db.clueTransition.findMany({ where: { clueId: { in: clueIds.filter(isUuid) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    },
  };
}

export type ClueTransitionRow = Awaited<ReturnType<ReturnType<typeof clueTransitionRepository>['byClueIds']>>[number];
