/**
 * Rewards (奖励): what a reported clue earns its informant, and the rules of manual adjustments.
 * Amounts are data (per district, else the configured default); the rules are here. No I/O.
 */
import { InvalidInput } from '@pgov/errors';
import { isDistrictOfCity } from '@pgov/reference-data';

export type PointsReason = 'CLUE_REPORTED' | 'CLUE_ACCEPTED' | 'CLUE_CASE_OPENED' | 'MANUAL_ADJUSTMENT';

/** The reasons a clue event pays for, and so the reasons a district may set an amount for. */
export const CLUE_CREDIT_REASONS = ['CLUE_ACCEPTED', 'CLUE_CASE_OPENED'] as const;
export type ClueCreditReason = (typeof CLUE_CREDIT_REASONS)[number];

export type PointsDefaults = Record<ClueCreditReason, number>;

const MAX_RULE_POINTS = 1000;
export const MAX_ADJUSTMENT = 10_000;

export interface ClueOutcome {
  clueId: string;
  districtCode: string;
  reporterMemberId: string | null;
}

export interface Credit {
  memberId: string;
  clueId: string;
  clueDistrictCode: string;
  points: number;
  reason: ClueCreditReason;
}

/**
 * A clue that names its reporter earns them `amount` for `reason`; anonymous clues and a zero
 * amount (a district that turned the reward off) earn nobody anything.
 */
export function creditForClue(clue: ClueOutcome, reason: ClueCreditReason, amount: number): Credit | null {
  if (clue.reporterMemberId == null || amount <= 0) return null;
  return { memberId: clue.reporterMemberId, clueId: clue.clueId, clueDistrictCode: clue.districtCode, points: amount, reason };
}

/** A district's own amount for a reason. */
export function validatePointsRule(input: { districtCode: string; reason: string; points: number }): { districtCode: string; reason: ClueCreditReason; points: number } {
  if (!isDistrictOfCity(input.districtCode)) throw new InvalidInput('input.districtCode', 'must be one of the 13 districts of the city');
  if (!(CLUE_CREDIT_REASONS as readonly string[]).includes(input.reason)) {
    throw new InvalidInput('input.reason', `only ${CLUE_CREDIT_REASONS.join(' and ')} have district amounts`);
  }
  if (!Number.isInteger(input.points) || input.points < 0 || input.points > MAX_RULE_POINTS) {
    throw new InvalidInput('input.points', `must be an integer from 0 to ${MAX_RULE_POINTS}`);
  }
  return { districtCode: input.districtCode, reason: input.reason as ClueCreditReason, points: input.points };
}

/** A manual adjustment never takes a balance below zero. */
export function balanceAfterAdjustment(balance: number, points: number): number | null {
  const after = balance + points;
  return after < 0 ? null : after;
}
