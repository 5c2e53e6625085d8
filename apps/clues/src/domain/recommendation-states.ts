/**
 * The recommendation life cycle (DOMAIN.md §2). Pure: no I/O. Every transition a recommendation
 * may make is listed here; anything else is refused with IllegalRecommendationTransition.
 */
import { Conflict } from '@pgov/errors';

export const RECOMMENDATION_STATUSES = ['ISSUED', 'OVERDUE', 'REPLIED', 'RECTIFIED', 'NOT_RECTIFIED', 'ESCALATED'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** MARK_OVERDUE is the sweep's alone; the others are the mutations'. */
export type RecommendationAction = 'MARK_OVERDUE' | 'REPLY' | 'CHECK_RECTIFIED' | 'CHECK_NOT_RECTIFIED' | 'ESCALATE';

const TRANSITIONS: Record<RecommendationAction, { from: readonly RecommendationStatus[]; to: RecommendationStatus; verb: string }> = {
  MARK_OVERDUE: { from: ['ISSUED'], to: 'OVERDUE', verb: 'become overdue' },
  // A late reply still counts as the reply (and is recorded as not on time).
  REPLY: { from: ['ISSUED', 'OVERDUE'], to: 'REPLIED', verb: 'take a reply' },
  CHECK_RECTIFIED: { from: ['REPLIED'], to: 'RECTIFIED', verb: 'have a follow-up check' },
  CHECK_NOT_RECTIFIED: { from: ['REPLIED'], to: 'NOT_RECTIFIED', verb: 'have a follow-up check' },
  ESCALATE: { from: ['NOT_RECTIFIED'], to: 'ESCALATED', verb: 'be escalated' },
};

/** Answered as CONFLICT, naming the current status in extensions.from. */
export class IllegalRecommendationTransition extends Conflict {
  constructor(
    readonly from: RecommendationStatus,
    readonly action: RecommendationAction,
  ) {
    super(`a ${from} recommendation cannot ${TRANSITIONS[action].verb}`, { from, action });
  }
}

/** The statuses `action` moves a recommendation from, and the one it moves it to (the sweep's statement asks this). */
export function recommendationTransition(action: RecommendationAction): { from: readonly RecommendationStatus[]; to: RecommendationStatus } {
  const { from, to } = TRANSITIONS[action];
  return { from, to };
}

/** The state after `action`, or throws IllegalRecommendationTransition. */
export function nextRecommendationStatus(from: RecommendationStatus, action: RecommendationAction): RecommendationStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalRecommendationTransition(from, action);
  return rule.to;
}
