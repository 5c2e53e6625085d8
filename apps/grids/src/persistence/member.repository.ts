import { decodeCursor, isUuid } from '@pgov/graphql-kit';
import type { GridsDb } from './prisma';

export function memberRepository(db: GridsDb) {
  return {
    /** Ids that are not uuids (a foreign subject, a typo) match nothing instead of failing the batch. */
    byIds(ids: readonly string[]) {
      return db.member.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },
    /**
     * First pages of many grids' member lists in two queries (a grid has a handful of members, so
     * reading them all and cutting each list is cheaper than one query per grid).
     */
    async firstPagesByGrid(gridCodes: readonly string[], size: number) {
      const [rows, counts] = await Promise.all([
        db.member.findMany({ where: { gridCode: { in: [...gridCodes] } }, orderBy: [{ gridCode: 'asc' }, { id: 'asc' }] }),
        db.member.groupBy({ by: ['gridCode'], where: { gridCode: { in: [...gridCodes] } }, _count: { _all: true } }),
      ]);
      const total = new Map(counts.map((c) => [c.gridCode, c._count._all]));
      return new Map(
        gridCodes.map((code) => [code, { rows: rows.filter((m) => m.gridCode === code).slice(0, size + 1), total: total.get(code) ?? 0 }]),
      );
    },
    async pageInGrid(gridCode: string, size: number, after: string | null | undefined) {
      const cursor = decodeCursor(after);
      const [rows, total] = await Promise.all([
        db.member.findMany({
          where: { gridCode, ...(cursor ? { id: { gt: String(cursor[0]) } } : {}) },
          orderBy: { id: 'asc' },
          take: size + 1,
        }),
        db.member.count({ where: { gridCode } }),
      ]);
      return { rows, total };
    },
  };
}

export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRepository>['byIds']>>[number];
