import { pageSize, toConnection } from '@pgov/graphql-kit';
import type { CluesContext } from '../context';
import { canSeeClue } from '../domain/clue-access';
import { reportingDelayDays } from '../domain/supervision';
import { canSeeSupervision, supervisionListScope } from '../domain/supervision-access';
import type { ClueRow } from '../persistence/clue.repository';
import { stateOf, type SupervisedPersonRow, type SupervisionEventRow } from '../persistence/supervision.repository';

const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));

async function visiblePerson(ctx: CluesContext, personId: string): Promise<SupervisedPersonRow | null> {
  const person = await ctx.supervision.loaders.person.load(personId);
  return person && canSeeSupervision(ctx.identity, person.districtCode) ? person : null;
}

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
}

/** Supervised persons by person id (keyset): the caller's district, or any for city-wide staff. */
async function listPersons(ctx: CluesContext, args: ListArgs) {
  const size = pageSize(args.first);
  const scope = supervisionListScope(ctx.identity, args.districtCode);
  if (!scope) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.supervision.persons.page(scope, size, args.after);
  return toConnection(rows, size, (p) => [p.personId], total);
}

export const supervisionResolvers = {
  Query: {
    supervisedPerson: (_: unknown, { personId }: { personId: string }, ctx: CluesContext) => visiblePerson(ctx, personId),
    supervisedPersons: (_: unknown, args: ListArgs, ctx: CluesContext) => listPersons(ctx, args),
  },
  SupervisedPerson: {
    judgmentEffectiveOn: (p: SupervisedPersonRow) => day(p.judgmentEffectiveOn),
    enrolledOn: (p: SupervisedPersonRow) => day(p.enrolledOn),
    reportedInOn: (p: SupervisedPersonRow) => day(p.reportedInOn),
    releasedOn: (p: SupervisedPersonRow) => day(p.releasedOn),
    reportingDelayDays: (p: SupervisedPersonRow) => reportingDelayDays(stateOf(p)),
    record: (p: SupervisedPersonRow, _: unknown, ctx: CluesContext) => ctx.supervision.loaders.record.load(p.personId),
    clues: async (p: SupervisedPersonRow, _: unknown, ctx: CluesContext): Promise<ClueRow[]> =>
      (await ctx.supervision.loaders.clues.load(p.personId)).filter((c) => canSeeClue(ctx.identity, c)),
  },
  SupervisionRecordEntry: {
    occurredOn: (e: SupervisionEventRow) => day(e.occurredOn),
    recordedAt: (e: SupervisionEventRow) => e.recordedAt.toISOString(),
    clue: async (e: SupervisionEventRow, _: unknown, ctx: CluesContext) => {
      if (e.clueId === null) return null;
      const clue = await ctx.loaders.clue.load(e.clueId);
      return clue && canSeeClue(ctx.identity, clue) ? clue : null;
    },
  },
};
