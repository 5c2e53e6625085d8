import { Forbidden } from '@pgov/errors';
import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { CluesContext } from '../context';
import { canSeeClue, canSeeReporter, clueListScope } from '../domain/clue-access';
import { queueCriteria } from '../domain/clue-queue';
import type { ClueAction } from '../domain/clue-states';
import type { ClueRow } from '../persistence/clue.repository';
import type { ClueTransitionRow } from '../persistence/clue-transition.repository';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
  /** ClueFilter, parsed by queueCriteria. */
  filter?: unknown;
}

async function visibleClue(ctx: CluesContext, id: string): Promise<ClueRow | null> {
  const clue = await ctx.loaders.clue.load(id);
  return clue && canSeeClue(ctx.identity, clue) ? clue : null;
}

/**
 * The caller's clues, optionally narrowed to one district (outside their jurisdiction: none): a
 * procurator's queue, filtered (overdue as of the request's clock), or a grid worker's own clues.
 */
async function listClues(ctx: CluesContext, args: ListArgs) {
  const size = pageSize(args.first);
  const criteria = queueCriteria(args.filter, ctx.triage.now, ctx.deps.config.CLUE_DECISION_DAYS);
  const scope = clueListScope(ctx.identity);
  const district = args.districtCode && args.districtCode !== CITY_CODE ? args.districtCode : undefined;
  if (!scope || (district && scope.districtCode && scope.districtCode !== district)) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.clues.page({ ...scope, ...(district ? { districtCode: district } : {}) }, criteria, size, args.after);
  return toConnection(rows, size, (c) => [c.submittedAt.toISOString(), c.id], total);
}

/** One mutation per state-machine action; each answers the changed clue. */
const transition = (action: ClueAction) => (_: unknown, { input }: { input: unknown }, ctx: CluesContext) =>
  ctx.transitions.transition(ctx.identity, action, input);

const informantWithheld = (field: string) =>
  new Forbidden('the informant is withheld from this caller', { reason: 'INFORMANT_IDENTITY_PROTECTED', field });

type HistoryEntry = ClueTransitionRow & { byWithheld: boolean };

/**
 * A clue's history. The submission's `by` is the grid worker who reported it, i.e. the informant:
 * withheld (null and a FORBIDDEN error) from callers who may not see Clue.reporter.
 */
async function history(c: ClueRow, ctx: CluesContext): Promise<HistoryEntry[]> {
  const rows = await ctx.loaders.history.load(c.id);
  const withheld = c.reporterMemberId !== null && !canSeeReporter(ctx.identity, c);
  return rows.map((t) => ({ ...t, byWithheld: withheld && (t.by === c.submittedBy || t.by === c.reporterMemberId) }));
}

export const clueResolvers = {
  Query: {
    clue: (_: unknown, { id }: { id: string }, ctx: CluesContext) => visibleClue(ctx, id),
    clues: (_: unknown, args: ListArgs, ctx: CluesContext) => listClues(ctx, args),
  },
  Mutation: {
    submitClue: (_: unknown, { input }: { input: unknown }, ctx: CluesContext) => ctx.service.submit(ctx.identity, input),
    acceptClue: transition('ACCEPT'),
    rejectClue: transition('REJECT'),
    assignClue: transition('ASSIGN'),
    transferClue: transition('TRANSFER'),
    openCase: transition('OPEN_CASE'),
    closeClueNoAction: transition('CLOSE_NO_ACTION'),
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
      if (!canSeeReporter(ctx.identity, c)) throw informantWithheld('Clue.reporter');
      return { __typename: 'Member', id: c.reporterMemberId };
    },
    history: (c: ClueRow, _: unknown, ctx: CluesContext) => history(c, ctx),
  },
  ClueTransition: {
    at: (t: HistoryEntry) => t.at.toISOString(),
    by: (t: HistoryEntry) => {
      if (t.byWithheld) throw informantWithheld('ClueTransition.by');
      return t.by;
    },
  },
};
