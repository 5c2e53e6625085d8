import { afterNewestFirst } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { ClueCreditReason, Credit } from '../domain/points';
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
    /** Amounts districts set for themselves, for many districts at once. */
    rules(districtCodes: readonly string[]) {
      return db.pointsRule.findMany({ where: { districtCode: { in: [...districtCodes] } } });
    },
    /** A district's own amount for a reason, or null (the configured default applies). */
    async ruleIn(tx: Tx, districtCode: string, reason: ClueCreditReason): Promise<number | null> {
      const rule = await tx.pointsRule.findUnique({ where: { districtCode_reason: { districtCode, reason } } });
      return rule?.points ?? null;
    },
    setRule(rule: { districtCode: string; reason: ClueCreditReason; points: number; updatedBy: string }) {
      const { districtCode, reason } = rule;
      return db.pointsRule.upsert({ where: { districtCode_reason: { districtCode, reason } }, create: rule, update: rule });
    },
    /**
     * Credits points inside the caller's transaction. The (member, clue, reason) key makes a second
     * credit for the same thing a no-op (ON CONFLICT: also when two deliveries race); returns the
     * entry only when it was created now.
     */
    async credit(tx: Tx, credit: Credit & { sourceEventId: string }) {
      const created = await tx.pointsEntry.createManyAndReturn({ data: [credit], skipDuplicates: true });
      return created[0] ?? null;
    },
    /** Locks the member's row for the rest of the transaction (adjustments serialise per member). */
    async lockMember(tx: Tx, memberId: string): Promise<{ id: string; districtCode: string } | null> {
      const rows = await tx.$queryRaw<{ id: string; district_code: string }[]>`
        SELECT id, district_code FROM member WHERE id = ${memberId}::uuid FOR UPDATE`;
      return rows[0] ? { id: rows[0].id, districtCode: rows[0].district_code } : null;
    },
    async balanceIn(tx: Tx, memberId: string): Promise<number> {
      const sum = await tx.pointsEntry.aggregate({ where: { memberId }, _sum: { points: true } });
      return sum._sum.points ?? 0;
    },
    adjust(tx: Tx, entry: { memberId: string; points: number; note: string; adjustedBy: string; creditedAt: Date }) {
      return tx.pointsEntry.create({ data: { ...entry, reason: 'MANUAL_ADJUSTMENT' } });
    },
  };
}

export type PointsRepository = ReturnType<typeof pointsRepository>;
export type PointsEntryRow = Awaited<ReturnType<PointsRepository['adjust']>>;
