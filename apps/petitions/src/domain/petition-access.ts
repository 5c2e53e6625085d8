/**
 * Who may do what with a district's petitions (SECURITY.md: jurisdiction; another district's
 * petition answers as if it did not exist). Pure.
 */
import { canAccessDistrict, hasRole, isCityWide, Role, type Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';

/** Replies, start, close, referral: the district's procurators, leaders and clerks, and city admins. */
export function canHandlePetition(identity: Identity, districtCode: string): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.LEADER, Role.PROCURATOR, Role.CLERK) && identity.district === districtCode;
}

/** Ownership and handler assignment: the district's leaders, and city admins. */
export function canLeadPetition(identity: Identity, districtCode: string): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return isLeaderOf(identity, districtCode);
}

/** Holds LEADER in exactly this district (a city-level user is not a district's leader). */
export function isLeaderOf(identity: Identity, districtCode: string): boolean {
  return hasRole(identity, Role.LEADER) && identity.district === districtCode;
}

/**
 * NOT_FOUND for a missing petition or another district's (nothing leaks through errors), FORBIDDEN
 * for one of the caller's jurisdiction that their roles do not let them change in this way.
 */
export function assertMayChange<P extends { districtCode: string }>(
  identity: Identity,
  petition: P | null,
  petitionId: string,
  allowed: (identity: Identity, districtCode: string) => boolean,
  why: string,
): asserts petition is P {
  if (!petition || !canAccessDistrict(identity, petition.districtCode)) throw new NotFound('Petition', petitionId);
  if (!allowed(identity, petition.districtCode)) throw new Forbidden(why);
}
