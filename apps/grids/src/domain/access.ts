import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';

export interface MemberScope {
  id: string;
  districtCode: string;
}

export function canSeeDistrict(identity: Identity, districtCode: string): boolean {
  return !hasRole(identity, Role.PARTNER) && canAccessDistrict(identity, districtCode);
}

/** Staff of the member's district see the record; any other person only their own. */
export function canSeeMember(identity: Identity, member: MemberScope): boolean {
  if (identity.subject === member.id) return true;
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, member.districtCode);
}

/** Whole phone and ID number: the member themself, the district's leaders, the city administrators. */
export function canRevealMemberPersonalData(identity: Identity, member: MemberScope): boolean {
  if (identity.subject === member.id) return true;
  return hasRole(identity, Role.CITY_ADMIN, Role.LEADER) && canAccessDistrict(identity, member.districtCode);
}

/**
 * The informant rule (SECURITY.md) applied to a district: who may learn that a member reported a
 * clue of `districtCode`. PROCURATOR and LEADER of that district, a city-wide CITY_ADMIN, and the
 * member themself. Points exist because of reported clues, so they follow this rule too: a
 * balance moving when a clue is accepted tells who reported it.
 */
export function canSeeInformantFacts(identity: Identity, memberId: string, districtCode: string): boolean {
  if (identity.subject === memberId) return true;
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) && canAccessDistrict(identity, districtCode);
}

/** Manual adjustments and district amounts: the city's administrators only. */
export function canManagePoints(identity: Identity): boolean {
  return hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity);
}
