import type { Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';
import { canChangeClue, canSeeClue, type ClueScope } from './clue-access';

/**
 * Triage (risk assessment, handling plans, dismissing possible duplicates) is for whoever may change
 * the clue's state: PROCURATOR and LEADER of its district, city-wide CITY_ADMIN. A clue the caller
 * cannot see is NOT_FOUND, like a missing one; one they see but may not triage is FORBIDDEN.
 */
export function assertMayTriage<C extends ClueScope>(identity: Identity, clue: C | null, clueId: string): asserts clue is C {
  if (!clue || !canSeeClue(identity, clue)) throw new NotFound('Clue', clueId);
  if (!canChangeClue(identity, clue)) throw new Forbidden("only the district's procurators and leaders, and city admins, triage a clue");
}
