import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { CluesContext } from '../context';
import { recommendationListScope } from '../domain/recommendation-access';
import { isPastDue, repliedOnTime } from '../domain/recommendation-deadlines';
import { recommendationFilter, type RecommendationFilterInput } from '../domain/recommendation-register';
import type { ClueRow } from '../persistence/clue.repository';
import { calendarDay, type RecommendationRow, type RecommendationTransitionRow } from '../persistence/recommendation.repository';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
  filter?: RecommendationFilterInput | null;
}

type Input = { input: unknown };

/** The register of the caller's jurisdiction, optionally narrowed to one district (outside it: none). */
async function listRecommendations(ctx: CluesContext, args: ListArgs) {
  const size = pageSize(args.first);
  const filter = recommendationFilter(args.filter);
  const scope = recommendationListScope(ctx.identity);
  const district = args.districtCode && args.districtCode !== CITY_CODE ? args.districtCode : undefined;
  if (!scope || (district && scope.districtCode && scope.districtCode !== district)) return toConnection([], size, () => [], 0);
  const { repository, today } = ctx.recommendations;
  const { rows, total } = await repository.page({ ...scope, ...(district ? { districtCode: district } : {}) }, filter, today, size, args.after);
  return toConnection(rows, size, (r) => [r.issuedAt.toISOString(), r.id], total);
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export const recommendationResolvers = {
  Query: {
    recommendation: (_: unknown, { id }: { id: string }, ctx: CluesContext) => ctx.recommendations.loaders.recommendation.load(id),
    recommendations: (_: unknown, args: ListArgs, ctx: CluesContext) => listRecommendations(ctx, args),
  },
  Mutation: {
    issueRecommendation: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.recommendations.service.issue(ctx.identity, input),
    recordRecommendationReply: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.recommendations.service.reply(ctx.identity, input),
    recordFollowUpCheck: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.recommendations.service.check(ctx.identity, input),
    escalateRecommendation: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.recommendations.service.escalate(ctx.identity, input),
  },
  District: {
    recommendations: (district: { code: string }, args: ListArgs, ctx: CluesContext) => listRecommendations(ctx, { ...args, districtCode: district.code }),
  },
  Clue: {
    /** Only recommendations the caller may see (grid workers: none). */
    recommendations: (c: ClueRow, _: unknown, ctx: CluesContext) => ctx.recommendations.loaders.citing.load(c.id),
  },
  Recommendation: {
    __resolveReference: (ref: { id: string }, ctx: CluesContext) => ctx.recommendations.loaders.recommendation.load(ref.id),
    issuedAt: (r: RecommendationRow) => r.issuedAt.toISOString(),
    replyDueOn: (r: RecommendationRow) => calendarDay(r.replyDueOn),
    overdue: (r: RecommendationRow, _: unknown, ctx: CluesContext) => isPastDue(r.status, calendarDay(r.replyDueOn), ctx.recommendations.now),
    overdueAt: (r: RecommendationRow) => iso(r.overdueAt),
    repliedAt: (r: RecommendationRow) => iso(r.repliedAt),
    repliedOnTime: (r: RecommendationRow) => (r.repliedAt ? repliedOnTime(r.repliedAt, calendarDay(r.replyDueOn)) : null),
    checkedAt: (r: RecommendationRow) => iso(r.checkedAt),
    escalatedAt: (r: RecommendationRow) => iso(r.escalatedAt),
    /** Only the clues the caller may see. */
    clues: (r: RecommendationRow, _: unknown, ctx: CluesContext) => ctx.recommendations.loaders.cluesOf.load(r.id),
    history: (r: RecommendationRow, _: unknown, ctx: CluesContext) => ctx.recommendations.loaders.historyOf.load(r.id),
  },
  RecommendationTransition: {
    at: (t: RecommendationTransitionRow) => t.at.toISOString(),
  },
};
