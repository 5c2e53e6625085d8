/**
 * Risk assessment of a clue (司法办案风险评估预警, DOMAIN.md §2): LOW / MEDIUM / HIGH with factors;
 * a HIGH-risk clue needs a handling plan (处置应对方案) before it can open a case. Pure: no I/O.
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { RISK_FACTORS, RISK_LEVELS } from '@pgov/contracts';
import { Conflict } from '@pgov/errors';
import type { ClueScope } from './clue-access';
import type { ClueStatus } from './clue-states';
import { assertMayTriage } from './clue-triage-access';

export { RISK_FACTORS, RISK_LEVELS };
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** An accepted clue is assessed, also once assigned or transferred; not before, not once decided. */
export const ASSESSABLE_STATUSES: readonly ClueStatus[] = ['ACCEPTED', 'ASSIGNED', 'TRANSFERRED'];

const clueId = z.string().min(1, 'is required');
const handlingPlan = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be blank').max(5000, 'must be at most 5000 characters'));

export const assessClueRiskInput = z.object({
  clueId,
  level: z.enum(RISK_LEVELS),
  // A set: each factor once, in the vocabulary's order, however the client sent them.
  factors: z.array(z.enum(RISK_FACTORS)).transform((list) => RISK_FACTORS.filter((f) => list.includes(f))),
  handlingPlan: handlingPlan.nullish(),
});
export type AssessClueRiskInput = z.infer<typeof assessClueRiskInput>;

export const recordHandlingPlanInput = z.object({ clueId, handlingPlan });
export type RecordHandlingPlanInput = z.infer<typeof recordHandlingPlanInput>;

export interface RiskSubject extends ClueScope {
  id: string;
  status: ClueStatus;
  riskLevel: RiskLevel | null;
  riskFactors: readonly RiskFactor[];
  handlingPlan: string | null;
  riskAssessedBy: string | null;
  riskAssessedAt: Date | null;
}

/** What is stored on the clue and announced (without the plan's text) as clues.clue.risk-assessed. */
export interface RiskAssessment {
  level: RiskLevel;
  factors: RiskFactor[];
  handlingPlan: string | null;
  assessedBy: string;
  assessedAt: Date;
}

/** CONFLICT naming the status of a clue that is not (or no longer) open to assessment. */
export class RiskNotAssessable extends Conflict {
  constructor(readonly status: ClueStatus) {
    super(`a ${status} clue is not assessed; assess it once accepted and before a decision`, { status });
  }
}

/** CONFLICT: a handling plan belongs to an assessment. */
export class RiskNotAssessed extends Conflict {
  constructor() {
    super("assess the clue's risk before recording a handling plan", { reason: 'RISK_NOT_ASSESSED' });
  }
}

/** CONFLICT on OPEN_CASE for a HIGH-risk clue without a handling plan. */
export class HandlingPlanRequired extends Conflict {
  constructor() {
    super('a HIGH-risk clue needs a handling plan (处置应对方案) before a case is opened', { reason: 'HANDLING_PLAN_REQUIRED' });
  }
}

function assertAssessable(clue: RiskSubject): void {
  if (!ASSESSABLE_STATUSES.includes(clue.status)) throw new RiskNotAssessable(clue.status);
}

/**
 * A new or revised assessment by the caller. Left out, the plan already on record stays: revising
 * the level or the factors does not undo a plan.
 */
export function decideRiskAssessment(identity: Identity, clue: RiskSubject | null, input: AssessClueRiskInput, at: Date): RiskAssessment {
  assertMayTriage(identity, clue, input.clueId);
  assertAssessable(clue);
  return {
    level: input.level,
    factors: input.factors,
    handlingPlan: input.handlingPlan ?? clue.handlingPlan,
    assessedBy: identity.subject,
    assessedAt: at,
  };
}

/** The clue's assessment with a (new) handling plan; who assessed it and when stay as they were. */
export function decideHandlingPlan(identity: Identity, clue: RiskSubject | null, input: RecordHandlingPlanInput): RiskAssessment {
  assertMayTriage(identity, clue, input.clueId);
  assertAssessable(clue);
  if (clue.riskLevel === null || clue.riskAssessedBy === null || clue.riskAssessedAt === null) throw new RiskNotAssessed();
  return {
    level: clue.riskLevel,
    factors: [...clue.riskFactors],
    handlingPlan: input.handlingPlan,
    assessedBy: clue.riskAssessedBy,
    assessedAt: clue.riskAssessedAt,
  };
}

/** The gate on opening a case: a HIGH-risk clue must have its handling plan on record. */
export function assertCaseMayOpen(clue: { riskLevel: RiskLevel | null; handlingPlan: string | null }): void {
  if (clue.riskLevel === 'HIGH' && !clue.handlingPlan?.trim()) throw new HandlingPlanRequired();
}
