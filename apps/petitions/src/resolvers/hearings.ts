import { pageSize, toConnection } from '@pgov/graphql-kit';
import type { PetitionsContext } from '../context';
import { calendarScope, canSeeOfficerNames } from '../domain/hearing-access';
import { calendarFilter, type CalendarArgs } from '../domain/hearing-calendar';
import { canSeePetitions } from '../domain/receive-petition';
import type { HearingPanelistRow, HearingRow } from '../persistence/hearing.repository';
import type { PetitionRow } from '../persistence/petition.repository';

interface CalendarListArgs extends CalendarArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
}

type Input = { input: unknown };

/** The calendar of one district (or, for city staff, of the city): soonest first; outside the caller's jurisdiction, empty. */
async function calendar(ctx: PetitionsContext, args: CalendarListArgs) {
  const size = pageSize(args.first);
  const filter = calendarFilter(args);
  const scope = calendarScope(ctx.identity, args.districtCode);
  if (!scope) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.hearings.repository.page(scope.districtCode, filter, size, args.after);
  return toConnection(rows, size, (h) => [h.scheduledFor.toISOString(), h.id], total);
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export const hearingResolvers = {
  Query: {
    hearing: (_: unknown, { id }: { id: string }, ctx: PetitionsContext) => ctx.hearings.loaders.hearing.load(id),
    hearings: (_: unknown, args: CalendarListArgs, ctx: PetitionsContext) => calendar(ctx, args),
  },
  Mutation: {
    scheduleHearing: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.hearings.service.schedule(ctx.identity, input),
    holdHearing: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.hearings.service.change(ctx.identity, 'HOLD', input),
    recordHearingOpinion: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.hearings.service.change(ctx.identity, 'RECORD_OPINION', input),
    concludeHearing: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.hearings.service.change(ctx.identity, 'CONCLUDE', input),
    cancelHearing: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.hearings.service.change(ctx.identity, 'CANCEL', input),
  },
  District: {
    hearings: (d: { code: string }, args: CalendarListArgs, ctx: PetitionsContext) => calendar(ctx, { ...args, districtCode: d.code }),
  },
  Petition: {
    /** Only hearings the caller may see, soonest first. */
    hearings: (p: PetitionRow, _: unknown, ctx: PetitionsContext) => ctx.hearings.loaders.ofPetition.load(p.id),
  },
  Hearing: {
    __resolveReference: (ref: { id: string }, ctx: PetitionsContext) => ctx.hearings.loaders.hearing.load(ref.id),
    petition: async (h: HearingRow, _: unknown, ctx: PetitionsContext) => {
      const petition = await ctx.loaders.petition.load(h.petitionId);
      return petition && canSeePetitions(ctx.identity, petition.districtCode) ? petition : null;
    },
    scheduledFor: (h: HearingRow) => h.scheduledFor.toISOString(),
    heldAt: (h: HearingRow) => iso(h.heldAt),
    concludedAt: (h: HearingRow) => iso(h.concludedAt),
    cancelledAt: (h: HearingRow) => iso(h.cancelledAt),
    panel: (h: HearingRow, _: unknown, ctx: PetitionsContext) => ctx.hearings.loaders.panelOf.load(h.id),
  },
  HearingPanelist: {
    /** A reference the gateway resolves in the grids subgraph (name, kind, active). */
    officer: (p: HearingPanelistRow) => (p.memberId ? { __typename: 'HearingOfficer', id: p.memberId } : null),
    externalName: (p: HearingPanelistRow, _: unknown, ctx: PetitionsContext) => (canSeeOfficerNames(ctx.identity) ? p.externalName : null),
  },
};
