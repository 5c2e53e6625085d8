import { decodeCursor } from '@pgov/graphql-kit';
import type { GridsDb } from './prisma';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function memberRepository(db: GridsDb) {
  return {
    /** Ids that are not uuids (a foreign subject, a typo) match nothing instead of failing the batch. */
    byIds(ids: readonly string[]) {
      return db.member.findMany({ where: { id: { in: ids.filter((id) => UUID.test(id)) } } });
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
