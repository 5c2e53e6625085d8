import { hasRole, PROCURATORATE_STAFF } from '@pgov/auth';
import type { CluesContext } from '../context';
import { canSeeClue } from '../domain/clue-access';
import { isOverdue } from '../domain/clue-queue';
import type { ClueRow } from '../persistence/clue.repository';
import type { ClueDuplicateRow } from '../persistence/clue-triage.repository';

type Input = { input: unknown };
type PossibleDuplicate = ClueDuplicateRow & { earlier: ClueRow };

/**
 * The flags on a clue whose earlier clue the caller may see (a grid worker: only their own), with
 * the earlier clues loaded for the whole page at once.
 */
async function possibleDuplicates(c: ClueRow, ctx: CluesContext): Promise<PossibleDuplicate[]> {
  const flags = await ctx.triage.loaders.duplicates.load(c.id);
  if (flags.length === 0) return [];
  const earlier = await ctx.loaders.clue.loadMany(flags.map((f) => f.duplicateOfId));
  return flags.flatMap((flag, i) => {
    const row = earlier[i];
    return row && !(row instanceof Error) && canSeeClue(ctx.identity, row) ? [{ ...flag, earlier: row }] : [];
  });
}

/** Attachments, possible duplicates, risk assessment and the queue's fields of a clue; triage's mutations. */
export const triageResolvers = {
  Mutation: {
    assessClueRisk: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.triage.service.assessRisk(ctx.identity, input),
    recordHandlingPlan: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.triage.service.recordHandlingPlan(ctx.identity, input),
    dismissPossibleDuplicate: (_: unknown, { input }: Input, ctx: CluesContext) => ctx.triage.service.dismissPossibleDuplicate(ctx.identity, input),
  },
  Clue: {
    attachments: (c: ClueRow, _: unknown, ctx: CluesContext) => ctx.triage.loaders.attachments.load(c.id),
    possibleDuplicates: (c: ClueRow, _: unknown, ctx: CluesContext) => possibleDuplicates(c, ctx),
    /** The procuratorate's own judgement: its staff see it, a reporting grid worker does not. */
    risk: (c: ClueRow, _: unknown, ctx: CluesContext) => {
      if (c.riskLevel === null || !hasRole(ctx.identity, ...PROCURATORATE_STAFF)) return null;
      return {
        level: c.riskLevel,
        factors: c.riskFactors,
        handlingPlan: c.handlingPlan,
        assessedBy: c.riskAssessedBy,
        assessedAt: c.riskAssessedAt?.toISOString(),
      };
    },
    overdue: (c: ClueRow, _: unknown, ctx: CluesContext) => isOverdue(c, ctx.triage.now, ctx.deps.config.CLUE_DECISION_DAYS),
    decidedAt: (c: ClueRow) => c.decidedAt?.toISOString() ?? null,
  },
  PossibleDuplicate: {
    clue: (d: PossibleDuplicate) => d.earlier,
    flaggedAt: (d: PossibleDuplicate) => d.flaggedAt.toISOString(),
    dismissedAt: (d: PossibleDuplicate) => d.dismissedAt?.toISOString() ?? null,
  },
};
