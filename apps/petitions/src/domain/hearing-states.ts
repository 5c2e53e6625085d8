/**
 * The public-hearing life cycle (DOMAIN.md §3). Pure: no I/O. Every move a hearing may make is
 * listed here; anything else is refused with IllegalHearingTransition (CONFLICT naming the status).
 */
import { Conflict } from '@pgov/errors';

export const HEARING_STATUSES = ['SCHEDULED', 'HELD', 'CONCLUDED', 'CANCELLED'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

export const HEARING_ACTIONS = ['HOLD', 'RECORD_OPINION', 'CONCLUDE', 'CANCEL'] as const;
export type HearingAction = (typeof HEARING_ACTIONS)[number];

const TRANSITIONS: Record<HearingAction, { from: readonly HearingStatus[]; to: HearingStatus }> = {
  HOLD: { from: ['SCHEDULED'], to: 'HELD' },
  // Opinions are given at the hearing: recorded (or corrected) while it is HELD, frozen once concluded.
  RECORD_OPINION: { from: ['HELD'], to: 'HELD' },
  CONCLUDE: { from: ['HELD'], to: 'CONCLUDED' },
  // Only a hearing that has not taken place can be called off.
  CANCEL: { from: ['SCHEDULED'], to: 'CANCELLED' },
};

const VERBS: Record<HearingAction, string> = {
  HOLD: 'be held',
  RECORD_OPINION: 'take opinions',
  CONCLUDE: 'be concluded',
  CANCEL: 'be cancelled',
};

/** Answered as CONFLICT with the hearing's status and the refused action in the extensions. */
export class IllegalHearingTransition extends Conflict {
  constructor(
    readonly status: HearingStatus,
    readonly action: HearingAction,
  ) {
    super(`a ${status} hearing cannot ${VERBS[action]}`, { status, action });
  }
}

/** The status after `action`, or throws IllegalHearingTransition. */
export function nextHearingStatus(from: HearingStatus, action: HearingAction): HearingStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalHearingTransition(from, action);
  return rule.to;
}

/** Hearings whose panel still counts for "an officer sits once on a petition's hearings". */
export function panelCounts(status: HearingStatus): boolean {
  return status !== 'CANCELLED';
}
