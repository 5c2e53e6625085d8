/**
 * Leadership ownership (领导包案, DOMAIN.md §3): a first-time petition of the three leadership-owned
 * kinds must be owned by a leader of its district before it can be concluded. Pure.
 *
 * Who is a leader of the district: this service has no user directory, so it trusts what it can
 * verify and records who vouched for the rest —
 *  - a LEADER of the petition's district may take ownership themself (ownerSubject = their token
 *    subject; the owner's name is then the token's, not the input's);
 *  - a LEADER of the district or a city-wide CITY_ADMIN may assign another subject, vouching that it
 *    holds LEADER in the district; every assignment names who made it (PetitionOwnerChange.assignedBy);
 *  - naming oneself without holding LEADER in the district is refused (BAD_USER_INPUT on ownerSubject).
 * Ownership may be given or changed while the petition is open (RECEIVED, ACKNOWLEDGED, IN_PROGRESS).
 */
import { z } from 'zod';
import { LEADERSHIP_OWNED_CATEGORIES } from '@pgov/contracts';
import type { Identity } from '@pgov/auth';
import { Conflict, InvalidInput } from '@pgov/errors';
import { petitionId, subject, trimmed } from './input-rules';
import { assertMayChange, canLeadPetition, isLeaderOf } from './petition-access';
import { isOpen, type PetitionStatus } from './petition-states';
import type { PetitionCategory, PetitionSubject } from './petition-subject';

export function isLeadershipOwned(category: PetitionCategory): boolean {
  return LEADERSHIP_OWNED_CATEGORIES.includes(category);
}

/** A first-time petition of the three kinds, still open, with no owner yet. */
export function ownerRequired(p: Pick<PetitionSubject, 'category' | 'firstTime' | 'ownerSubject' | 'status'>): boolean {
  return isLeadershipOwned(p.category) && p.firstTime && p.ownerSubject === null && isOpen(p.status);
}

/** Answered as CONFLICT with reason OWNER_REQUIRED. */
export class OwnerRequired extends Conflict {
  constructor(from: PetitionStatus) {
    super("a first-time criminal appeal, state compensation or case-filing supervision petition is concluded only once a leader of its district owns it", {
      reason: 'OWNER_REQUIRED',
      from,
    });
  }
}

/** Throws OwnerRequired when concluding must wait for an owner. */
export function assertMayConclude(p: PetitionSubject): void {
  if (ownerRequired(p)) throw new OwnerRequired(p.status);
}

export const assignOwnerInput = z.object({ petitionId, ownerSubject: subject, ownerName: trimmed(1, 100) });
export type AssignOwnerInput = z.infer<typeof assignOwnerInput>;

export interface OwnerDecision {
  ownerSubject: string;
  ownerName: string;
  /** An owner is replaced (the event says so, without naming either). */
  reassigned: boolean;
}

/** Who owns the petition after this assignment, or null when it changes nothing (same owner, same name). */
export function decideOwner(identity: Identity, petition: PetitionSubject | null, input: AssignOwnerInput): OwnerDecision | null {
  assertMayChange(identity, petition, input.petitionId, canLeadPetition, "only the district's leaders and city admins assign a petition's owner");
  if (!isOpen(petition.status)) throw new Conflict(`a ${petition.status} petition's owner cannot change`, { from: petition.status });
  const self = input.ownerSubject === identity.subject;
  if (self && !isLeaderOf(identity, petition.districtCode)) {
    throw new InvalidInput('input.ownerSubject', `the owner must hold LEADER in district ${petition.districtCode}; you do not`);
  }
  // One's own name comes from the verified token; another's is as the assigning leader or admin gave it.
  const ownerName = self ? identity.name : input.ownerName;
  if (petition.ownerSubject === input.ownerSubject && petition.ownerName === ownerName) return null;
  return { ownerSubject: input.ownerSubject, ownerName, reassigned: petition.ownerSubject !== null };
}
