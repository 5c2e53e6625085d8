import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { GridsContext } from '../context';
import type { UnitListKey } from '../context/hierarchy.context';
import { canSeeDistrict, canSeeMember } from '../domain/access';
import type { UnitLevel } from '../domain/hierarchy';
import { coverageShare, type CoverageCounts, type DistrictRow } from '../persistence/district.repository';
import type { CommunityRow, GridRow, RowOf, StreetRow, UnitRow } from '../persistence/hierarchy-rows';

type Args<T = object> = T & { first?: number | null; after?: string | null };
type ListArgs = Args<{ includeRetired?: boolean | null }>;
type Input = { input: unknown };

const TYPENAME: Record<UnitLevel, 'Street' | 'Community' | 'Grid'> = { STREET: 'Street', COMMUNITY: 'Community', GRID: 'Grid' };

/** A district's coverage, as InformantCoverage resolves it. */
type Coverage = CoverageCounts & { districtCode: string; share: number };

/** Loads a district the caller may see; any other answers null, as if it did not exist. */
export async function visibleDistrict(ctx: GridsContext, code: string): Promise<DistrictRow | null> {
  if (!canSeeDistrict(ctx.identity, code)) return null;
  return ctx.loaders.district.load(code);
}

/** A unit of another district answers null, as if it did not exist; so does one of another level. */
function visible<R extends UnitRow>(ctx: GridsContext, unit: R | null, level?: UnitLevel): R | null {
  if (!unit || (level && unit.level !== level)) return null;
  return canSeeDistrict(ctx.identity, unit.districtCode) ? unit : null;
}

async function visibleUnit<L extends UnitLevel>(ctx: GridsContext, code: string, level?: L): Promise<RowOf<L> | null> {
  return visible(ctx, await ctx.hierarchy.loaders.unit.load(code), level) as RowOf<L> | null;
}

/** One page of a list of units, ordered by code; its rows are kept for later look-ups by code. */
async function unitList<L extends UnitLevel>(ctx: GridsContext, key: Omit<UnitListKey, 'size' | 'includeRetired'> & { level: L }, args: ListArgs) {
  const size = pageSize(args.first);
  const { rows, total } = await ctx.hierarchy.list({ ...key, size, includeRetired: args.includeRetired ?? false }, args.after);
  const units: readonly UnitRow[] = rows;
  for (const row of units) {
    ctx.hierarchy.loaders.unit.prime(row.code, row);
    // Members on this page ask for their grid: it is already here.
    if (row.level === 'GRID') ctx.loaders.grid.prime(row.code, row);
  }
  return toConnection(rows, size, (u) => [u.code], total);
}

/**
 * Query.governanceUnits: a district asked for must be the caller's to see (610100: every district,
 * for city users); without one, the caller's whole jurisdiction. Outside it: an empty list.
 */
function governanceUnits(ctx: GridsContext, args: Args<{ level: UnitLevel; districtCode?: string | null; parentCode?: string | null; includeRetired?: boolean | null }>) {
  const size = pageSize(args.first);
  const asked = args.districtCode ?? (canSeeDistrict(ctx.identity, CITY_CODE) ? CITY_CODE : ctx.identity.district);
  if (!canSeeDistrict(ctx.identity, asked)) return toConnection([], size, () => [], 0);
  return ctx.hierarchy
    .page(
      {
        level: args.level,
        includeRetired: args.includeRetired ?? false,
        ...(asked === CITY_CODE ? {} : { districtCode: asked }),
        ...(args.parentCode ? { parentCode: args.parentCode } : {}),
      },
      size,
      args.after,
    )
    .then(({ rows, total }) => toConnection(rows, size, (u) => [u.code], total));
}

/** Fields every level resolves alike (code, name, level and parentCode come with the row). */
const unitFields = {
  district: (u: UnitRow, _: unknown, ctx: GridsContext) => ctx.loaders.district.load(u.districtCode),
  retired: (u: UnitRow) => u.retiredAt !== null,
  retiredAt: (u: UnitRow) => u.retiredAt?.toISOString() ?? null,
};

export const hierarchyResolvers = {
  Query: {
    districts: async (_: unknown, __: unknown, ctx: GridsContext) =>
      (await ctx.repos.districts.all()).filter((d) => canSeeDistrict(ctx.identity, d.code)),
    district: (_: unknown, { code }: { code: string }, ctx: GridsContext) => visibleDistrict(ctx, code),
    grid: async (_: unknown, { code }: { code: string }, ctx: GridsContext) => visible(ctx, await ctx.loaders.grid.load(code)),
    governanceUnit: (_: unknown, { code }: { code: string }, ctx: GridsContext) => visibleUnit(ctx, code),
    governanceUnits: (_: unknown, args: Parameters<typeof governanceUnits>[1], ctx: GridsContext) => governanceUnits(ctx, args),
  },
  Mutation: {
    createGovernanceUnit: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.hierarchy.service.create(ctx.identity, input),
    renameGovernanceUnit: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.hierarchy.service.rename(ctx.identity, input),
    retireGovernanceUnit: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.hierarchy.service.retire(ctx.identity, input),
    importGovernanceHierarchy: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.hierarchy.service.importCsv(ctx.identity, input),
  },
  GovernanceUnit: {
    __resolveType: (u: UnitRow) => TYPENAME[u.level],
  },
  District: {
    __resolveReference: (ref: { code: string }, ctx: GridsContext) => visibleDistrict(ctx, ref.code),
    grids: (d: DistrictRow, args: ListArgs, ctx: GridsContext) => unitList(ctx, { level: 'GRID', by: 'district', owner: d.code }, args),
    streets: (d: DistrictRow, args: ListArgs, ctx: GridsContext) => unitList(ctx, { level: 'STREET', by: 'district', owner: d.code }, args),
    informantCoverage: async (d: DistrictRow, _: unknown, ctx: GridsContext) => coverageShare(await ctx.hierarchy.loaders.coverage.load(d.code)),
    coverage: async (d: DistrictRow, _: unknown, ctx: GridsContext): Promise<Coverage> => {
      const counts = await ctx.hierarchy.loaders.coverage.load(d.code);
      return { ...counts, share: coverageShare(counts), districtCode: d.code };
    },
  },
  InformantCoverage: {
    uncoveredGrids: (c: Coverage, args: Args, ctx: GridsContext) =>
      unitList(ctx, { level: 'GRID', by: 'district', owner: c.districtCode, uncoveredOnly: true }, args),
  },
  Street: {
    __resolveReference: (ref: { code: string }, ctx: GridsContext) => visibleUnit(ctx, ref.code, 'STREET'),
    ...unitFields,
    communities: (s: StreetRow, args: ListArgs, ctx: GridsContext) => unitList(ctx, { level: 'COMMUNITY', by: 'parent', owner: s.code }, args),
  },
  Community: {
    __resolveReference: (ref: { code: string }, ctx: GridsContext) => visibleUnit(ctx, ref.code, 'COMMUNITY'),
    ...unitFields,
    parent: (c: CommunityRow, _: unknown, ctx: GridsContext) => visibleUnit(ctx, c.parentCode, 'STREET'),
    grids: (c: CommunityRow, args: ListArgs, ctx: GridsContext) => unitList(ctx, { level: 'GRID', by: 'parent', owner: c.code }, args),
  },
  Grid: {
    __resolveReference: async (ref: { code: string }, ctx: GridsContext) => visible(ctx, await ctx.loaders.grid.load(ref.code)),
    ...unitFields,
    street: (g: GridRow) => g.streetName,
    community: (g: GridRow) => g.communityName,
    parent: (g: GridRow, _: unknown, ctx: GridsContext) => visibleUnit(ctx, g.parentCode, 'COMMUNITY'),
    hasActiveInformationOfficer: (g: GridRow, _: unknown, ctx: GridsContext) => ctx.hierarchy.loaders.informationOfficer.load(g.code),
    members: async (g: GridRow, args: Args, ctx: GridsContext) => {
      const size = pageSize(args.first);
      const { rows, total } = args.after
        ? await ctx.repos.members.pageInGrid(g.code, size, args.after)
        : await ctx.loaders.gridMembers.load(`${g.code}|${size}`);
      const visibleRows = rows.filter((m) => canSeeMember(ctx.identity, m));
      // A caller who may not list the grid's members (e.g. a grid worker) sees only themself.
      return toConnection(visibleRows, size, (m) => [m.id], visibleRows.length === rows.length ? total : visibleRows.length);
    },
  },
};
