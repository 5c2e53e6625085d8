import { Forbidden } from '@pgov/errors';
import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { CluesContext } from '../context';
import { canSeeClue, canSeeReporter, clueListScope } from '../domain/clue-access';
import type { ClueListFilter } from '../persistence/clue.repository';
import type { ClueRow } from '../persistence/clue.repository';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
  filter?: ClueListFilter | null;
}

async function visibleClue(ctx: CluesContext, id: string): Promise<ClueRow | null> {
  const clue = await ctx.loaders.clue.load(id);
  return clue && canSeeClue(ctx.identity, clue) ? clue : null;
}

/** The caller's clues, optionally narrowed to one district (outside their jurisdiction: none). */
async function listClues(ctx: CluesContext, args: ListArgs) {
  const size = pageSize(args.first);
  const scope = clueListScope(ctx.identity);
  const district = args.districtCode && args.districtCode !== CITY_CODE ? args.districtCode : undefined;
  if (!scope || (district && scope.districtCode && scope.districtCode !== district)) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.clues.page({ ...scope, ...(district ? { districtCode: district } : {}) }, args.filter ?? {}, size, args.after);
  return toConnection(rows, size, (c) => [c.submittedAt.toISOString(), c.id], total);
}

export const resolvers = {
  Query: {
    clue: (_: unknown, { id }: { id: string }, ctx: CluesContext) => visibleClue(ctx, id),
    clues: (_: unknown, args: ListArgs, ctx: CluesContext) => listClues(ctx, args),
  },
  Mutation: {
    submitClue: (_: unknown, { input }: { input: unknown }, ctx: CluesContext) => ctx.service.submit(ctx.identity, input),
  },
  District: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    clues: (district: { code: string }, args: ListArgs, ctx: CluesContext) => listClues(ctx, { ...args, districtCode: district.code }),
  },
  Clue: {
    __resolveReference: (ref: { id: string }, ctx: CluesContext) => visibleClue(ctx, ref.id),
    submittedAt: (c: ClueRow) => c.submittedAt.toISOString(),
    reporter: (c: ClueRow, _: unknown, ctx: CluesContext) => {
      if (c.reporterMemberId === null) return null;
      if (!canSeeReporter(ctx.identity, c)) {
        throw new Forbidden('the informant is withheld from this caller', { reason: 'INFORMANT_IDENTITY_PROTECTED', field: 'Clue.reporter' });
      }
      return { __typename: 'Member', id: c.reporterMemberId };
    },
  },
};
