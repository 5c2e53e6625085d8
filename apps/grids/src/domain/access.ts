import { canAccessDistrict, hasRole, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';

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
