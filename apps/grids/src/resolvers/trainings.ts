import { Forbidden, pageSize, toConnection, type Connection } from '@pgov/graphql-kit';
import type { PeriodKind } from '@pgov/reference-data';
import type { GridsContext } from '../context';
import { canSeeDistrict } from '../domain/access';
import { heldOnRange, statsPeriod } from '../domain/training';
import { canSeeTraining, canSeeTrainingHistory, trainingListScope, type MemberOfDistrict } from '../domain/training-access';
import type { Page, TrainingRow } from '../persistence/training.repository';

type PageArgs = { first?: number | null; after?: string | null };
type ListArgs = PageArgs & { from?: string | null; to?: string | null };

const heldOn = (t: TrainingRow) => t.heldOn.toISOString().slice(0, 10);
const emptyConnection = <T>(size: number): Connection<T> => toConnection<T>([], size, () => [], 0);

async function visibleTraining(ctx: GridsContext, id: string): Promise<TrainingRow | null> {
  const training = await ctx.trainings.loaders.training.load(id);
  return training && canSeeTraining(ctx.identity, training.districtCode) ? training : null;
}

/** Newest first; the rows are primed so that a training asked for again costs nothing. */
function trainingConnection(ctx: GridsContext, page: Page<TrainingRow>, size: number) {
  for (const t of page.rows) ctx.trainings.loaders.training.prime(t.id, t);
  return toConnection(page.rows, size, (t) => [heldOn(t), t.id], page.total);
}

/** The caller's trainings of a district (the city: all), optionally held from/to (inclusive dates). */
async function listTrainings(ctx: GridsContext, districtCode: string | null | undefined, args: ListArgs, batched: boolean) {
  const size = pageSize(args.first);
  const range = heldOnRange(args.from, args.to);
  const scope = trainingListScope(ctx.identity, districtCode);
  if (!scope) return emptyConnection<TrainingRow>(size);
  const page =
    batched && districtCode && !args.after
      ? await ctx.trainings.loaders.districtFirstPage.load({ id: districtCode, size, ...range })
      : await ctx.trainings.repo.page({ ...scope, ...range }, size, args.after);
  return trainingConnection(ctx, page, size);
}

export const trainingResolvers = {
  Query: {
    training: (_: unknown, { id }: { id: string }, ctx: GridsContext) => visibleTraining(ctx, id),
    trainings: (_: unknown, args: ListArgs & { districtCode?: string | null }, ctx: GridsContext) => listTrainings(ctx, args.districtCode, args, false),
  },
  Mutation: {
    createTraining: (_: unknown, { input }: { input: unknown }, ctx: GridsContext) => ctx.trainings.service.create(ctx.identity, input),
    recordTrainingAttendance: (_: unknown, { input }: { input: unknown }, ctx: GridsContext) =>
      ctx.trainings.service.recordAttendance(ctx.identity, input),
  },
  Training: {
    __resolveReference: (ref: { id: string }, ctx: GridsContext) => visibleTraining(ctx, ref.id),
    district: (t: TrainingRow, _: unknown, ctx: GridsContext) => ctx.loaders.district.load(t.districtCode),
    heldOn: (t: TrainingRow) => heldOn(t),
    attendeeCount: (t: TrainingRow, _: unknown, ctx: GridsContext) => ctx.trainings.loaders.attendeeCount.load(t.id),
    /** Only the attendees the caller may see: a district's staff their district's, a member themself. */
    attendees: async (t: TrainingRow, args: PageArgs, ctx: GridsContext) => {
      const size = pageSize(args.first);
      const page = args.after
        ? await ctx.trainings.repo.attendeePage(t.id, ctx.trainings.attendeeScope, size, args.after)
        : await ctx.trainings.loaders.attendeeFirstPage.load({ id: t.id, size });
      const members = await Promise.all(page.rows.map((a) => ctx.loaders.member.load(a.memberId)));
      const connection = toConnection(page.rows, size, (a) => [a.name, a.memberId], page.total);
      return { ...connection, edges: connection.edges.map((e, i) => ({ cursor: e.cursor, node: members[i] })).filter((e) => e.node) };
    },
  },
  District: {
    trainings: (district: { code: string }, args: ListArgs, ctx: GridsContext) => listTrainings(ctx, district.code, args, true),
    trainingStats: async (district: { code: string }, args: { periodKind: PeriodKind; period: string }, ctx: GridsContext) => {
      if (!canSeeDistrict(ctx.identity, district.code)) {
        throw new Forbidden(`training counts of ${district.code} are not shown to this caller`, { reason: 'NOT_ENTITLED', field: 'District.trainingStats' });
      }
      const dates = statsPeriod(args.periodKind, args.period);
      const counts = await ctx.trainings.loaders.counts.load({ id: district.code, from: dates.from, until: dates.until });
      return { periodKind: args.periodKind, period: args.period, ...counts };
    },
  },
  Member: {
    /** The member themself and their district's staff; anyone else gets null and a FORBIDDEN error. */
    trainings: async (member: MemberOfDistrict, args: PageArgs, ctx: GridsContext) => {
      if (!canSeeTrainingHistory(ctx.identity, member)) {
        throw new Forbidden("a member's trainings are shown to the member and their district's staff", { reason: 'NOT_ENTITLED', field: 'Member.trainings' });
      }
      const size = pageSize(args.first);
      const page = args.after
        ? await ctx.trainings.repo.historyPage(member.id, size, args.after)
        : await ctx.trainings.loaders.historyFirstPage.load({ id: member.id, size });
      return trainingConnection(ctx, page, size);
    },
  },
} satisfies Record<string, Record<string, (parent: never, args: never, ctx: GridsContext) => unknown>>;
