import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';

export interface ClueScope {
  districtCode: string;
  submittedBy: string;
  reporterMemberId: string | null;
}

/** Staff see their jurisdiction's clues; a grid worker only the clues they submitted. */
export function canSeeClue(identity: Identity, clue: ClueScope): boolean {
  if (!canAccessDistrict(identity, clue.districtCode)) return false;
  if (hasRole(identity, ...PROCURATORATE_STAFF)) return true;
  return hasRole(identity, Role.GRID_WORKER) && clue.submittedBy === identity.subject;
}

/** The same rule as a filter for lists: null means the caller sees no clues at all. */
export function clueListScope(identity: Identity): { districtCode?: string; submittedBy?: string } | null {
  const district = isCityWide(identity) ? {} : { districtCode: identity.district };
  if (hasRole(identity, ...PROCURATORATE_STAFF)) return district;
  if (hasRole(identity, Role.GRID_WORKER)) return { ...district, submittedBy: identity.subject };
  return null;
}

/** Informant identity: PROCURATOR and LEADER of the district, CITY_ADMIN, and the reporter themself. */
export function canSeeReporter(identity: Identity, clue: ClueScope): boolean {
  if (clue.reporterMemberId !== null && clue.reporterMemberId === identity.subject) return true;
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) && canAccessDistrict(identity, clue.districtCode);
}

/** Changing a clue's state: PROCURATOR and LEADER of its district (or the city), and CITY_ADMIN. */
export function canChangeClue(identity: Identity, clue: ClueScope): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) && canAccessDistrict(identity, clue.districtCode);
}
