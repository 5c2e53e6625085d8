import { canAccessDistrict, hasRole, Role, type Identity } from '@pgov/auth';

export interface ClueScope {
  districtCode: string;
  submittedBy: string;
  reporterMemberId: string | null;
}

const STAFF = [Role.CITY_ADMIN, Role.LEADER, Role.PROCURATOR, Role.CLERK];

/** Staff see their jurisdiction's clues; a grid worker only the clues they submitted. */
export function canSeeClue(identity: Identity, clue: ClueScope): boolean {
  if (!canAccessDistrict(identity, clue.districtCode)) return false;
  if (hasRole(identity, ...STAFF)) return true;
  return hasRole(identity, Role.GRID_WORKER) && clue.submittedBy === identity.subject;
}

/** The same rule as a filter for lists: null means the caller sees no clues at all. */
export function clueListScope(identity: Identity): { districtCode?: string; submittedBy?: string } | null {
  const district = identity.district === '610100' ? {} : { districtCode: identity.district };
  if (hasRole(identity, ...STAFF)) return district;
  if (hasRole(identity, Role.GRID_WORKER)) return { ...district, submittedBy: identity.subject };
  return null;
}

/** Informant identity: PROCURATOR and LEADER of the district, CITY_ADMIN, and the reporter themself. */
export function canSeeReporter(identity: Identity, clue: ClueScope): boolean {
  if (clue.reporterMemberId !== null && clue.reporterMemberId === identity.subject) return true;
  if (hasRole(identity, Role.CITY_ADMIN) && identity.district === '610100') return true;
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) && canAccessDistrict(identity, clue.districtCode);
}
