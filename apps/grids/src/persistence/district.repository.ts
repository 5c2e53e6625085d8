import { CITY_CODE } from '@pgov/reference-data';
import type { GridsDb } from './prisma';

export interface DistrictRow {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT';
  pilot: boolean;
}

export function districtRepository(db: GridsDb) {
  return {
    all(): Promise<DistrictRow[]> {
      return db.district.findMany({ orderBy: { code: 'asc' } });
    },
    byCodes(codes: readonly string[]): Promise<DistrictRow[]> {
      return db.district.findMany({ where: { code: { in: [...codes] } } });
    },
    /**
     * Share of grids with at least one ACTIVE information officer, per district (the city: all grids).
     * One query for any number of districts.
     */
    async coverage(codes: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.$queryRaw<{ district_code: string; grids: bigint; covered: bigint }[]>`
        SELECT g.district_code,
               count(*) AS grids,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM member m
                 WHERE m.grid_code = g.code AND m.status = 'ACTIVE'
                   AND 'INFORMATION_OFFICER' = ANY (m.informant_roles))) AS covered
        FROM grid g
        GROUP BY g.district_code`;
      const byDistrict = new Map(rows.map((r) => [r.district_code, { grids: Number(r.grids), covered: Number(r.covered) }]));
      const all = [...byDistrict.values()].reduce((a, b) => ({ grids: a.grids + b.grids, covered: a.covered + b.covered }), { grids: 0, covered: 0 });
      return new Map(
        codes.map((code) => {
          const c = code === CITY_CODE ? all : byDistrict.get(code) ?? { grids: 0, covered: 0 };
          return [code, c.grids === 0 ? 0 : c.covered / c.grids];
        }),
      );
    },
  };
}
