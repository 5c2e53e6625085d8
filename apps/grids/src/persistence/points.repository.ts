import { afterNewestFirst } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { GridsDb } from './prisma';

type Tx = Prisma.TransactionClient;

export function pointsRepository(db: GridsDb) {
  return {
    /** Balances of many members in one query. */
    async balances(memberIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.pointsEntry.groupBy({ by: ['memberId'], where: { memberId: { in: [...memberIds] } }, _sum: { points: true } });
      return new Map(rows.map((r) => [r.memberId, r._sum.points ?? 0]));
    },
    async page(memberId: string, size: number, after: string | null | undefined) {
      const where = { memberId };
      const [rows, total] = await Promise.all([
        db.pointsEntry.findMany({
          where: { ...where, ...afterNewestFirst(after, 'creditedAt') },
          orderBy: [{ creditedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        db.pointsEntry.count({ where }),
      ]);
      return { rows, total };
    },
    /**
     * Credits points inside the caller's transaction. The (member, clue, reason) key makes a second
     * credit for the same thing a no-op; returns the entry only when it was created now.
     */
    async credit(tx: Tx, entry: { memberId: string; clueId: string; points: number; reason: 'CLUE_REPORTED' | 'CLUE_ACCEPTED' | 'CLUE_CASE_OPENED'; sourceEventId: string }) {
      const existing = await tx.pointsEntry.findUnique({
        where: { memberId_clueId_reason: { memberId: entry.memberId, clueId: entry.clueId, reason: entry.reason } },
      });
      if (existing) return null;
      return tx.pointsEntry.create({ data: entry });
    },
  };
}
