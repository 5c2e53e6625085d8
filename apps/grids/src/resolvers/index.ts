import { Forbidden } from '@pgov/errors';
import { pageSize, toConnection } from '@pgov/graphql-kit';
import { maskIdNumber, maskPhone, readPersonal } from '@pgov/privacy';
import type { GridsContext } from '../context';
import { canRevealMemberPersonalData, canSeeDistrict, canSeeMember } from '../domain/access';
import type { DistrictRow } from '../persistence/district.repository';
import type { GridRow } from '../persistence/grid.repository';
import type { MemberRow } from '../persistence/member.repository';

type Args<T = object> = T & { first?: number | null; after?: string | null };

/** Loads a district the caller may see; any other answers null, as if it did not exist. */
async function visibleDistrict(ctx: GridsContext, code: string): Promise<DistrictRow | null> {
  if (!canSeeDistrict(ctx.identity, code)) return null;
  return ctx.loaders.district.load(code);
}

async function visibleMember(ctx: GridsContext, id: string): Promise<MemberRow | null> {
  const member = await ctx.loaders.member.load(id);
  return member && canSeeMember(ctx.identity, member) ? member : null;
}

function withheld(field: string): Forbidden {
  return new Forbidden(`${field} is withheld from this caller`, { reason: 'NOT_ENTITLED', field });
}

function personal(member: MemberRow, field: 'phone' | 'idNumber', reveal: boolean | undefined, ctx: GridsContext) {
  return readPersonal(ctx.db, member[field], {
    reveal: reveal ?? false,
    entitled: canRevealMemberPersonalData(ctx.identity, member),
    mask: field === 'phone' ? maskPhone : maskIdNumber,
    read: { actor: ctx.identity, recordType: 'Member', recordId: member.id, field, requestId: ctx.requestId },
  });
}

export const resolvers = {
  Query: {
    districts: async (_: unknown, __: unknown, ctx: GridsContext) =>
      (await ctx.repos.districts.all()).filter((d) => canSeeDistrict(ctx.identity, d.code)),
    district: (_: unknown, { code }: { code: string }, ctx: GridsContext) => visibleDistrict(ctx, code),
    grid: async (_: unknown, { code }: { code: string }, ctx: GridsContext) => {
      const grid = await ctx.loaders.grid.load(code);
      return grid && canSeeDistrict(ctx.identity, grid.districtCode) ? grid : null;
    },
    member: (_: unknown, { id }: { id: string }, ctx: GridsContext) => visibleMember(ctx, id),
    me: (_: unknown, __: unknown, ctx: GridsContext) => ctx.loaders.member.load(ctx.identity.subject),
  },
  District: {
    __resolveReference: (ref: { code: string }, ctx: GridsContext) => visibleDistrict(ctx, ref.code),
    grids: async (district: DistrictRow, args: Args, ctx: GridsContext) => {
      const size = pageSize(args.first);
      const { rows, total } = await ctx.repos.grids.page(district.code, size, args.after);
      // Members on this page ask for their grid: it is already here.
      for (const grid of rows) ctx.loaders.grid.prime(grid.code, grid);
      return toConnection(rows, size, (g) => [g.code], total);
    },
    informantCoverage: (district: DistrictRow, _: unknown, ctx: GridsContext) => ctx.loaders.coverage.load(district.code),
  },
  Grid: {
    __resolveReference: async (ref: { code: string }, ctx: GridsContext) => {
      const grid = await ctx.loaders.grid.load(ref.code);
      return grid && canSeeDistrict(ctx.identity, grid.districtCode) ? grid : null;
    },
    district: (grid: GridRow, _: unknown, ctx: GridsContext) => ctx.loaders.district.load(grid.districtCode),
    street: (grid: GridRow) => grid.community.street.name,
    community: (grid: GridRow) => grid.community.name,
    members: async (grid: GridRow, args: Args, ctx: GridsContext) => {
      const size = pageSize(args.first);
      const { rows, total } = args.after
        ? await ctx.repos.members.pageInGrid(grid.code, size, args.after)
        : await ctx.loaders.gridMembers.load(`${grid.code}|${size}`);
      const visible = rows.filter((m) => canSeeMember(ctx.identity, m));
      // A caller who may not list the grid's members (e.g. a grid worker) sees only themself.
      return toConnection(visible, size, (m) => [m.id], visible.length === rows.length ? total : visible.length);
    },
  },
  Member: {
    __resolveReference: (ref: { id: string }, ctx: GridsContext) => visibleMember(ctx, ref.id),
    grid: (m: MemberRow, _: unknown, ctx: GridsContext) => ctx.loaders.grid.load(m.gridCode),
    joinedOn: (m: MemberRow) => m.joinedOn.toISOString().slice(0, 10),
    phone: (m: MemberRow, { reveal }: { reveal?: boolean }, ctx: GridsContext) => personal(m, 'phone', reveal, ctx),
    idNumber: (m: MemberRow, { reveal }: { reveal?: boolean }, ctx: GridsContext) => personal(m, 'idNumber', reveal, ctx),
    pointBalance: (m: MemberRow, _: unknown, ctx: GridsContext) => {
      // Points follow the member record: the member themself and their district's staff.
      if (!canSeeMember(ctx.identity, m)) throw withheld('Member.pointBalance');
      return ctx.loaders.balance.load(m.id);
    },
    pointsLedger: async (m: MemberRow, args: Args, ctx: GridsContext) => {
      if (!canSeeMember(ctx.identity, m)) throw withheld('Member.pointsLedger');
      const size = pageSize(args.first);
      const { rows, total } = await ctx.repos.points.page(m.id, size, args.after);
      return toConnection(rows, size, (p) => [p.creditedAt.toISOString(), p.id], total);
    },
  },
  PointsEntry: {
    creditedAt: (p: { creditedAt: Date }) => p.creditedAt.toISOString(),
  },
};
