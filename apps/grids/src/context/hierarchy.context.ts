import DataLoader from 'dataloader';
import { rowLoader } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { GridsDeps, RequestScope } from '../context';
import type { UnitLevel } from '../domain/hierarchy';
import { districtRepository, type CoverageCounts } from '../persistence/district.repository';
import { gridRepository } from '../persistence/grid.repository';
import type { RowOf, UnitRow } from '../persistence/hierarchy-rows';
import { hierarchyRepository, type UnitListFilter, type UnitPage } from '../persistence/hierarchy.repository';
import { hierarchyService } from '../services/hierarchy.service';

/** One list of units under one owner: a district's (by district) or a unit's children (by parent). */
export interface UnitListKey {
  level: UnitLevel;
  by: 'district' | 'parent';
  /** District code (610100: the whole city) or parent unit code. */
  owner: string;
  size: number;
  includeRetired: boolean;
  uncoveredOnly?: boolean;
}

/** The list's filter without its owner (first pages of many owners are read together). */
function shapeOf(key: UnitListKey): UnitListFilter {
  return { level: key.level, includeRetired: key.includeRetired, uncoveredOnly: key.uncoveredOnly };
}

function filterOf(key: UnitListKey): UnitListFilter {
  if (key.by === 'parent') return { ...shapeOf(key), parentCode: key.owner };
  return key.owner === CITY_CODE ? shapeOf(key) : { ...shapeOf(key), districtCode: key.owner };
}

/** The hierarchy's per-request service and loaders: every list level is one statement per page of parents. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function hierarchyContext(deps: GridsDeps, scope: RequestScope) {
  const units = hierarchyRepository(deps.db);
  const grids = gridRepository(deps.db);
  const districts = districtRepository(deps.db);

  /** First pages of many lists of the same shape, asked for in one tick: one statement per shape. */
  const firstPages = new DataLoader<UnitListKey, UnitPage<UnitRow>, string>(
    async (keys) => {
      const groups = new Map<string, UnitListKey[]>();
      for (const key of keys) {
        // The city's list is every district's: read on its own.
        const shape = key.by === 'district' && key.owner === CITY_CODE ? JSON.stringify(key) : JSON.stringify({ ...key, owner: null });
        groups.set(shape, [...(groups.get(shape) ?? []), key]);
      }
      const pages = new Map<string, UnitPage<UnitRow>>();
      for (const group of groups.values()) {
        const [first] = group as [UnitListKey];
        if (first.by === 'district' && first.owner === CITY_CODE) {
          pages.set(JSON.stringify(first), await units.page(filterOf(first), first.size, null));
          continue;
        }
        const found = await units.firstPages(shapeOf(first), first.by, group.map((k) => k.owner), first.size);
        for (const key of group) pages.set(JSON.stringify(key), found.get(key.owner)!);
      }
      return keys.map((k) => pages.get(JSON.stringify(k))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );

  return {
    service: hierarchyService(deps),
    loaders: {
      /** A unit of any level by code. */
      unit: rowLoader(units.byCodes, (u: UnitRow) => u.code),
      coverage: new DataLoader<string, CoverageCounts>(async (codes) => {
        const counts = await districts.coverageCounts(codes);
        return codes.map((c) => counts.get(c)!);
      }),
      /** Whether a grid has an ACTIVE information officer. */
      informationOfficer: new DataLoader<string, boolean>(async (codes) => {
        const covered = await grids.withActiveInformationOfficer(codes);
        return codes.map((c) => covered.has(c));
      }),
    },
    /**
     * One page of a list of units. First pages are batched across owners (a page of streets asking
     * for their communities is one statement); a later page is one query of its own.
     */
    async list<L extends UnitLevel>(key: UnitListKey & { level: L }, after: string | null | undefined): Promise<UnitPage<RowOf<L>>> {
      if (after) return units.page({ ...filterOf(key), level: key.level }, key.size, after);
      return (await firstPages.load(key)) as UnitPage<RowOf<L>>;
    },
    /** Root list (Query.governanceUnits): already narrowed to what the caller may see. */
    page: units.page,
  };
}
