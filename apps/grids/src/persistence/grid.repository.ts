import { hierarchyRepository } from './hierarchy.repository';
import type { GridsDb } from './prisma';

export type { GridRow } from './hierarchy-rows';

export function gridRepository(db: GridsDb) {
  const units = hierarchyRepository(db);
  return {
    /** Grids by code, with the names of their community and street, in one statement. */
    byCodes: (codes: readonly string[]) => units.byCodesAt('GRID', codes),
    /** Which of these grids have at least one ACTIVE information officer: one statement. */
    async withActiveInformationOfficer(codes: readonly string[]): Promise<Set<string>> {
      const rows = await db.$queryRaw<{ grid_code: string }[]>`
        SELECT DISTINCT grid_code FROM member
        WHERE grid_code = ANY(${[...codes]}) AND status = 'ACTIVE' AND 'INFORMATION_OFFICER' = ANY (informant_roles)`;
      return new Set(rows.map((r) => r.grid_code));
    },
  };
}
