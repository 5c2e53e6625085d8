import { CITY_CODE } from '@pgov/reference-data';
import type { GridsDb } from './prisma';

export interface DistrictRow {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT';
  pilot: boolean;
}

/** Informant coverage of a district: grids in service, and those with an ACTIVE information officer. */
export interface CoverageCounts {
  grids: number;
  covered: number;
}

export function coverageShare(c: CoverageCounts): number {
  return c.grids === 0 ? 0 : c.covered / c.grids;
}

export function districtRepository(db: GridsDb) {
  /**
   * Coverage counts per district (the city: every district's grids), over grids not retired. One
   * statement for any number of districts, reading only the districts asked for.
   */
  async function coverageCounts(codes: readonly string[]): Promise<Map<string, CoverageCounts>> {
    const city = codes.includes(CITY_CODE);
    const districts = codes.filter((c) => c !== CITY_CODE);
    const rows = await db.$queryRaw<{ district_code: string; grids: bigint; covered: bigint }[]>`
      SELECT g.district_code::text AS district_code,
             count(*) AS grids,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM member m
               WHERE m.grid_code = g.code AND m.status = 'ACTIVE'
                 AND 'INFORMATION_OFFICER' = ANY (m.informant_roles))) AS covered
      FROM grid g
      WHERE g.retired_at IS NULL AND (${city} OR g.district_code = ANY(${districts}))
      GROUP BY g.district_code`;
    const byDistrict = new Map(rows.map((r) => [r.district_code, { grids: Number(r.grids), covered: Number(r.covered) }]));
    const all = [...byDistrict.values()].reduce((a, b) => ({ grids: a.grids + b.grids, covered: a.covered + b.covered }), { grids: 0, covered: 0 });
    return new Map(codes.map((code) => [code, code === CITY_CODE ? all : byDistrict.get(code) ?? { grids: 0, covered: 0 }]));
  }

  return {
    all(): Promise<DistrictRow[]> {
      return db.district.findMany({ orderBy: { code: 'asc' } });
    },
    byCodes(codes: readonly string[]): Promise<DistrictRow[]> {
      return db.district.findMany({ where: { code: { in: [...codes] } } });
    },
    coverageCounts,
    /** Share of grids in service with at least one ACTIVE information officer (0..1), per district. */
    async coverage(codes: readonly string[]): Promise<Map<string, number>> {
      const counts = await coverageCounts(codes);
      return new Map([...counts].map(([code, c]) => [code, coverageShare(c)]));
    },
  };
}
