import type { Identity } from '@pgov/auth';
import { buildEnvelope, clueRiskAssessed } from '@pgov/contracts';
import { parseInput } from '@pgov/graphql-kit';
import { enqueueEvent, type RawSql } from '@pgov/messaging';
import type { Clock } from '../domain/clock';
import { decideDismissal, dismissPossibleDuplicateInput } from '../domain/clue-duplicates';
import { assessClueRiskInput, decideHandlingPlan, decideRiskAssessment, recordHandlingPlanInput, type RiskAssessment } from '../domain/clue-risk';
import type { ClueRow } from '../persistence/clue.repository';
import type { clueTransitionRepository } from '../persistence/clue-transition.repository';
import type { ClueTriageRepository } from '../persistence/clue-triage.repository';
import type { CluesDb } from '../persistence/prisma';

/** Announces the clue's assessment as it now stands; the plan's text stays here (only whether there is one). */
function enqueueRiskAssessed(tx: RawSql, clue: ClueRow, risk: RiskAssessment, at: Date): Promise<void> {
  return enqueueEvent(
    tx,
    clueRiskAssessed,
    buildEnvelope(
      clueRiskAssessed,
      {
        subject: clue.id,
        district: clue.districtCode,
        data: {
          clueId: clue.id,
          number: clue.number,
          districtCode: clue.districtCode,
          riskLevel: risk.level,
          riskFactors: risk.factors,
          handlingPlanRecorded: risk.handlingPlan !== null,
          assessedBy: risk.assessedBy,
          assessedAt: risk.assessedAt.toISOString(),
        },
      },
      { source: 'clues', time: at },
    ),
  );
}

/**
 * Triage of a clue: risk assessment, its handling plan, dismissing a possible duplicate. Risk
 * writes lock the clue's row like transitions do, so an OPEN_CASE and a plan being recorded
 * queue behind each other and the gate decides on what is committed.
 */
export function clueTriageService(deps: {
  db: CluesDb;
  triage: ClueTriageRepository;
  transitions: ReturnType<typeof clueTransitionRepository>;
  clock: Clock;
}) {
  const { db, triage, transitions, clock } = deps;

  /** In one transaction: lock, decide, write the risk columns and the event. */
  const writeRisk = (decide: (clue: ClueRow | null, at: Date) => RiskAssessment, clueId: string) =>
    db.$transaction(async (tx) => {
      const clue = await transitions.lockClue(tx, clueId);
      const at = clock();
      // Past decide, the clue exists and the caller may triage it: clueId is its id.
      const risk = decide(clue, at);
      const updated = await triage.recordRisk(tx, clueId, risk);
      await enqueueRiskAssessed(tx, updated, risk, at);
      return updated;
    });

  return {
    assessRisk(identity: Identity, rawInput: unknown): Promise<ClueRow> {
      const input = parseInput(assessClueRiskInput, rawInput);
      return writeRisk((clue, at) => decideRiskAssessment(identity, clue, input, at), input.clueId);
    },

    recordHandlingPlan(identity: Identity, rawInput: unknown): Promise<ClueRow> {
      const input = parseInput(recordHandlingPlanInput, rawInput);
      return writeRisk((clue) => decideHandlingPlan(identity, clue, input), input.clueId);
    },

    dismissPossibleDuplicate(identity: Identity, rawInput: unknown): Promise<ClueRow> {
      const input = parseInput(dismissPossibleDuplicateInput, rawInput);
      return db.$transaction(async (tx) => {
        const clue = await transitions.lockClue(tx, input.clueId);
        const flag = clue ? await triage.flag(tx, clue.id, input.duplicateOfId) : null;
        const decision = decideDismissal(identity, clue, flag, input);
        if (decision.write) await triage.dismiss(tx, decision.clue.id, input.duplicateOfId, identity.subject, clock());
        return decision.clue;
      });
    },
  };
}

export type ClueTriageService = ReturnType<typeof clueTriageService>;
