/**
 * The clue life cycle (DOMAIN.md §2). Pure: no I/O. Every transition a clue may make is listed
 * here; anything else is refused with IllegalTransition.
 */
import { Conflict, InvalidInput } from '@pgov/errors';

export const CLUE_STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'TRANSFERRED', 'CASE_OPENED', 'CLOSED_NO_ACTION'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

export type ClueAction = 'ACCEPT' | 'REJECT' | 'ASSIGN' | 'TRANSFER' | 'OPEN_CASE' | 'CLOSE_NO_ACTION';

const TRANSITIONS: Record<ClueAction, { from: readonly ClueStatus[]; to: ClueStatus; reasonRequired: boolean }> = {
  ACCEPT: { from: ['SUBMITTED'], to: 'ACCEPTED', reasonRequired: false },
  REJECT: { from: ['SUBMITTED'], to: 'REJECTED', reasonRequired: true },
  // An accepted clue goes to one department; a transferred one is assigned again by the receiver.
  ASSIGN: { from: ['ACCEPTED', 'TRANSFERRED'], to: 'ASSIGNED', reasonRequired: false },
  TRANSFER: { from: ['ASSIGNED'], to: 'TRANSFERRED', reasonRequired: true },
  OPEN_CASE: { from: ['ASSIGNED'], to: 'CASE_OPENED', reasonRequired: false },
  CLOSE_NO_ACTION: { from: ['ASSIGNED'], to: 'CLOSED_NO_ACTION', reasonRequired: true },
};

/** Answered as CONFLICT. */
export class IllegalTransition extends Conflict {
  constructor(
    readonly from: ClueStatus,
    readonly action: ClueAction,
  ) {
    super(`a ${from} clue cannot ${action.toLowerCase().replace(/_/g, ' ')}`, { from, action });
  }
}

/** Answered as BAD_USER_INPUT on input.reason. */
export class ReasonRequired extends InvalidInput {
  constructor(readonly action: ClueAction) {
    super('input.reason', `${action.toLowerCase().replace(/_/g, ' ')} needs a reason`);
  }
}

/** The state after `action`, or throws IllegalTransition / ReasonRequired. */
export function nextStatus(from: ClueStatus, action: ClueAction, reason?: string | null): ClueStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalTransition(from, action);
  if (rule.reasonRequired && !reason?.trim()) throw new ReasonRequired(action);
  return rule.to;
}
