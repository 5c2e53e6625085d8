import { canAccessDistrict, hasRole, PROCURATORATE_STAFF } from '@pgov/auth';
import { InvalidInput, pageSize, toConnection, type Connection } from '@pgov/graphql-kit';
import { maskIdNumber, maskPhone, readPersonal } from '@pgov/privacy';
import { CITY_CODE } from '@pgov/reference-data';
import type { GridsContext } from '../context';
import { canRevealMemberPersonalData, canSeeMember } from '../domain/access';
import { memberListScope } from '../domain/member-access';
import { NAME_MAX } from '../domain/member-input';
import type { HearingOfficerKind, InformantRole, MemberStatus, Team } from '../generated/prisma/client';
import type { MemberListFilter, MemberRow, Page } from '../persistence/member.repository';
import { openIdNumber, openPhone } from '../services/member-personal-data';

type PageArgs = { first?: number | null; after?: string | null };
type Conditions = Omit<MemberListFilter, 'districtCode' | 'memberId'>;
type Input = { input: unknown };
/** A personal field's arguments: reveal it whole, and why (required to reveal; readPersonal checks it). */
type RevealArgs = { reveal?: boolean | null; reason?: string | null };

interface MemberFilterArg {
  districtCode?: string | null;
  gridCode?: string | null;
  team?: Team[] | null;
  informantRole?: InformantRole | null;
  status?: MemberStatus[] | null;
  namePrefix?: string | null;
}
type OfficerArgs = PageArgs & { kind?: HearingOfficerKind | null; activeOnly?: boolean | null };

export async function visibleMember(ctx: GridsContext, id: string): Promise<MemberRow | null> {
  const member = await ctx.loaders.member.load(id);
  return member && canSeeMember(ctx.identity, member) ? member : null;
}

/** A hearing officer is a member of team HEARING_OFFICER, seen by whoever may see that member. */
async function visibleOfficer(ctx: GridsContext, id: string): Promise<MemberRow | null> {
  const member = await visibleMember(ctx, id);
  return member?.team === 'HEARING_OFFICER' ? member : null;
}

/** Decrypted, then masked or (entitled and asked for) whole and audited: readPersonal's rule. */
function personal(member: MemberRow, field: 'phone' | 'idNumber', args: RevealArgs, ctx: GridsContext) {
  const value = field === 'phone' ? openPhone(ctx.members.cipher, member) : openIdNumber(ctx.members.cipher, member);
  return readPersonal(ctx.deps.audit, value, {
    reveal: args.reveal ?? false,
    entitled: canRevealMemberPersonalData(ctx.identity, member),
    mask: field === 'phone' ? maskPhone : maskIdNumber,
    read: { actor: ctx.identity, recordType: 'Member', recordId: member.id, field, reason: args.reason, requestId: ctx.requestId },
  });
}

function listConditions(filter: MemberFilterArg | null | undefined): Conditions {
  const namePrefix = filter?.namePrefix?.trim() || null;
  if (namePrefix && namePrefix.length > NAME_MAX) throw new InvalidInput('filter.namePrefix', `must be at most ${NAME_MAX} characters`);
  return { gridCode: filter?.gridCode, teams: filter?.team, informantRole: filter?.informantRole, statuses: filter?.status, namePrefix };
}

function officerConditions(args: OfficerArgs): Conditions {
  return { teams: ['HEARING_OFFICER'], hearingOfficerKind: args.kind, statuses: args.activeOnly === false ? null : ['ACTIVE'] };
}

/**
 * The members of `districtCode` (null or the city: every district the caller sees) that the caller
 * may list, ordered by name then id. `batched`: a nested field, whose first pages are loaded
 * together for all the districts of the response.
 */
async function listMembers(ctx: GridsContext, districtCode: string | null | undefined, conditions: Conditions, args: PageArgs, batched: boolean): Promise<Connection<MemberRow>> {
  const size = pageSize(args.first);
  const scope = memberListScope(ctx.identity, districtCode);
  let page: Page<MemberRow>;
  if (!scope) page = { rows: [], total: 0 };
  else if ('memberId' in scope) {
    const district = districtCode && districtCode !== CITY_CODE ? districtCode : null;
    page = await ctx.members.repo.page({ ...conditions, memberId: scope.memberId, districtCode: district }, size, args.after);
  } else if (batched && scope.districtCode && !args.after) {
    page = await ctx.members.loaders.districtFirstPage.load({ districtCode: scope.districtCode, size, filter: conditions });
  } else {
    page = await ctx.members.repo.page({ ...conditions, districtCode: scope.districtCode }, size, args.after);
  }
  for (const m of page.rows) ctx.loaders.member.prime(m.id, m);
  return toConnection(page.rows, size, (m) => [m.name, m.id], page.total);
}

/** A district's own list: the city's may be narrowed to a district, another district's filter matches nothing. */
function districtOfList(districtCode: string, filterDistrict: string | null | undefined): string | null {
  if (districtCode === CITY_CODE) return filterDistrict ?? CITY_CODE;
  return !filterDistrict || filterDistrict === districtCode ? districtCode : null;
}

const emptyList = (args: PageArgs) => toConnection<MemberRow>([], pageSize(args.first), () => [], 0);

export const memberResolvers = {
  Query: {
    member: (_: unknown, { id }: { id: string }, ctx: GridsContext) => visibleMember(ctx, id),
    me: (_: unknown, __: unknown, ctx: GridsContext) => ctx.loaders.member.load(ctx.identity.subject),
    members: (_: unknown, args: PageArgs & { filter?: MemberFilterArg | null }, ctx: GridsContext) =>
      listMembers(ctx, args.filter?.districtCode, listConditions(args.filter), args, false),
    hearingOfficer: (_: unknown, { id }: { id: string }, ctx: GridsContext) => visibleOfficer(ctx, id),
    hearingOfficers: (_: unknown, args: OfficerArgs & { districtCode?: string | null }, ctx: GridsContext) =>
      listMembers(ctx, args.districtCode, officerConditions(args), args, false),
  },
  District: {
    members: (d: { code: string }, args: PageArgs & { filter?: MemberFilterArg | null }, ctx: GridsContext) => {
      const district = districtOfList(d.code, args.filter?.districtCode);
      return district ? listMembers(ctx, district, listConditions(args.filter), args, true) : emptyList(args);
    },
    hearingOfficers: (d: { code: string }, args: OfficerArgs, ctx: GridsContext) => listMembers(ctx, d.code, officerConditions(args), args, true),
  },
  Member: {
    __resolveReference: (ref: { id: string }, ctx: GridsContext) => visibleMember(ctx, ref.id),
    grid: (m: MemberRow, _: unknown, ctx: GridsContext) => ctx.loaders.grid.load(m.gridCode),
    district: (m: MemberRow, _: unknown, ctx: GridsContext) => ctx.loaders.district.load(m.districtCode),
    joinedOn: (m: MemberRow) => m.joinedOn.toISOString().slice(0, 10),
    /** Why a member was suspended or retired is the procuratorate's business, not the member's. */
    statusReason: (m: MemberRow, _: unknown, ctx: GridsContext) =>
      hasRole(ctx.identity, ...PROCURATORATE_STAFF) && canAccessDistrict(ctx.identity, m.districtCode) ? m.statusReason : null,
    phone: (m: MemberRow, args: RevealArgs, ctx: GridsContext) => personal(m, 'phone', args, ctx),
    idNumber: (m: MemberRow, args: RevealArgs, ctx: GridsContext) => personal(m, 'idNumber', args, ctx),
  },
  HearingOfficer: {
    __resolveReference: (ref: { id: string }, ctx: GridsContext) => visibleOfficer(ctx, ref.id),
    kind: (m: MemberRow) => m.hearingOfficerKind,
    district: (m: MemberRow, _: unknown, ctx: GridsContext) => ctx.loaders.district.load(m.districtCode),
    active: (m: MemberRow) => m.status === 'ACTIVE',
  },
  Mutation: {
    registerMember: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.register(input),
    updateMember: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.update(input),
    changeMemberStatus: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.changeStatus(input),
    moveMember: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.move(input),
    grantInformantRole: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.grantRole(input),
    withdrawInformantRole: (_: unknown, { input }: Input, ctx: GridsContext) => ctx.members.withdrawRole(input),
  },
};
