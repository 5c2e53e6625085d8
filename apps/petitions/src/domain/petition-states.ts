/**
 * The petition life cycle (DOMAIN.md §3). Pure: no I/O. Every transition a petition may make is
 * listed here; anything else is refused with IllegalTransition (CONFLICT naming the current status).
 */
import { PETITION_STATUSES, type PetitionStatus } from '@pgov/contracts';
import { Conflict } from '@pgov/errors';

export { PETITION_STATUSES, type PetitionStatus };

/**
 * ACKNOWLEDGE and CONCLUDE happen through a reply (PROCEDURAL, RESULT); START, CLOSE and REFER
 * through their own mutations.
 */
export type PetitionAction = 'ACKNOWLEDGE' | 'START' | 'CONCLUDE' | 'CLOSE' | 'REFER';

const TRANSITIONS: Record<PetitionAction, { from: readonly PetitionStatus[]; to: PetitionStatus }> = {
  ACKNOWLEDGE: { from: ['RECEIVED'], to: 'ACKNOWLEDGED' },
  START: { from: ['ACKNOWLEDGED'], to: 'IN_PROGRESS' },
  CONCLUDE: { from: ['IN_PROGRESS'], to: 'CONCLUDED' },
  CLOSE: { from: ['CONCLUDED'], to: 'CLOSED' },
  // A petition that is still being handled may become a clue instead (信访转线索).
  REFER: { from: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'], to: 'REFERRED' },
};

export const PETITION_ACTIONS = Object.keys(TRANSITIONS) as PetitionAction[];

/** Still being handled: in handlers' queues, with replies owed. */
export const OPEN_STATUSES: readonly PetitionStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];

export function isOpen(status: PetitionStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Answered as CONFLICT with extensions `from` (the current status) and `action`. */
export class IllegalTransition extends Conflict {
  constructor(
    readonly from: PetitionStatus,
    readonly action: PetitionAction,
  ) {
    super(`a ${from} petition cannot ${action.toLowerCase()}`, { from, action });
  }
}

/** The state after `action`, or throws IllegalTransition. */
export function nextStatus(from: PetitionStatus, action: PetitionAction): PetitionStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalTransition(from, action);
  return rule.to;
}
