import type { MemberStatus } from '@pgov/contracts';
import { Conflict } from '@pgov/errors';

/**
 * A member's status: ACTIVE ⇄ SUSPENDED, either → RETIRED; RETIRED is terminal (a retired member's
 * record is closed: no status change, move, role or detail change). No I/O.
 */
const NEXT: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  ACTIVE: ['SUSPENDED', 'RETIRED'],
  SUSPENDED: ['ACTIVE', 'RETIRED'],
  RETIRED: [],
};

export function canChangeStatus(from: MemberStatus, to: MemberStatus): boolean {
  return NEXT[from].includes(to);
}

/** CONFLICT naming the current status when `from → to` is not a legal change. */
export function assertStatusChange(from: MemberStatus, to: MemberStatus): void {
  if (canChangeStatus(from, to)) return;
  const why = from === to ? `the member is already ${from}` : from === 'RETIRED' ? 'the member is RETIRED, which is final' : `${from} → ${to} is not allowed`;
  throw new Conflict(why, { currentStatus: from, requestedStatus: to });
}

/** CONFLICT for any change to a retired member's record. */
export function assertNotRetired(status: MemberStatus): void {
  if (status === 'RETIRED') throw new Conflict('the member is RETIRED: a retired member’s record no longer changes', { currentStatus: status });
}
