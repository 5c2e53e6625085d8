import { canAccessDistrict, hasRole, PROCURATORATE_STAFF } from '@pgov/auth';
import { Forbidden } from '@pgov/errors';
import { pageSize, toConnection } from '@pgov/graphql-kit';
import { isDistrictOfCity } from '@pgov/reference-data';
import type { GridsContext } from '../context';
import { canSeeInformantFacts } from '../domain/access';
import type { DistrictRow } from '../persistence/district.repository';
import type { PointsEntryRow } from '../persistence/points.repository';

type Args = { first?: number | null; after?: string | null };
interface MemberRef {
  id: string;
  districtCode: string;
}

/** A ledger entry with the member and district it answers for (the informant rule needs both). */
type LedgerEntry = PointsEntryRow & { member: MemberRef };

function informantProtected(field: string): Forbidden {
  return new Forbidden(`${field} is withheld from this caller`, { reason: 'INFORMANT_IDENTITY_PROTECTED', field });
}

/**
 * Points are earned by reported clues: a balance or a ledger tells who reported what. They follow
 * the informant rule of the member's district (SECURITY.md), whoever else may see the member.
 */
function requireInformantFacts(ctx: GridsContext, member: MemberRef, field: string): void {
  if (!canSeeInformantFacts(ctx.identity, member.id, member.districtCode)) throw informantProtected(field);
}

export const pointsResolvers = {
  Member: {
    pointBalance: (m: MemberRef, _: unknown, ctx: GridsContext) => {
      requireInformantFacts(ctx, m, 'Member.pointBalance');
      return ctx.points.balance.load(m.id);
    },
    pointsLedger: async (m: MemberRef, args: Args, ctx: GridsContext) => {
      requireInformantFacts(ctx, m, 'Member.pointsLedger');
      const size = pageSize(args.first);
      const { rows, total } = await ctx.points.repo.page(m.id, size, args.after);
      const entries: LedgerEntry[] = rows.map((row) => ({ ...row, member: { id: m.id, districtCode: m.districtCode } }));
      return toConnection(entries, size, (p) => [p.creditedAt.toISOString(), p.id], total);
    },
  },
  PointsEntry: {
    creditedAt: (p: LedgerEntry) => p.creditedAt.toISOString(),
    // The clue may be of another district than the member's: the rule applies to the clue's district.
    clueId: (p: LedgerEntry, _: unknown, ctx: GridsContext) => {
      if (p.clueId === null) return null;
      if (!canSeeInformantFacts(ctx.identity, p.member.id, p.clueDistrictCode ?? p.member.districtCode)) throw informantProtected('PointsEntry.clueId');
      return p.clueId;
    },
  },
  District: {
    pointsRules: (d: DistrictRow, _: unknown, ctx: GridsContext) => {
      if (!isDistrictOfCity(d.code) || !hasRole(ctx.identity, ...PROCURATORATE_STAFF) || !canAccessDistrict(ctx.identity, d.code)) return [];
      return ctx.points.rules.load(d.code);
    },
  },
  Mutation: {
    adjustPoints: (_: unknown, { input }: { input: unknown }, ctx: GridsContext) => ctx.points.service.adjust(input),
    setPointsRule: (_: unknown, { input }: { input: unknown }, ctx: GridsContext) => ctx.points.service.setRule(input),
  },
};
