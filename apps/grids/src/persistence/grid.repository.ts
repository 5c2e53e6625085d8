import { decodeCursor } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { GridsDb } from './prisma';

export function gridRepository(db: GridsDb) {
  const select = { code: true, name: true, districtCode: true, community: { select: { name: true, street: { select: { name: true } } } } } as const;
  return {
    byCodes(codes: readonly string[]) {
      return db.grid.findMany({ where: { code: { in: [...codes] } }, select });
    },
    /** Keyset page ordered by code; fetches size + 1 rows (see toConnection). */
    async page(districtCode: string, size: number, after: string | null | undefined) {
      const cursor = decodeCursor(after);
      const where = { districtCode: districtCode === CITY_CODE ? undefined : districtCode };
      const [rows, total] = await Promise.all([
        db.grid.findMany({
          where: { ...where, ...(cursor ? { code: { gt: String(cursor[0]) } } : {}) },
          orderBy: { code: 'asc' },
          take: size + 1,
          select,
        }),
        db.grid.count({ where }),
      ]);
      return { rows, total };
    },
  };
}

export type GridRow = Awaited<ReturnType<ReturnType<typeof gridRepository>['byCodes']>>[number];
