import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';
import { CITY_CODE } from '@pgov/reference-data';
import { canSeeMember, type MemberScope } from './access';

// Who may change and list members. Seeing one member is canSeeMember (./access): the staff of the
// member's district, city-wide staff, and the member themself.

const MEMBER_MANAGERS = [Role.CITY_ADMIN, Role.LEADER, Role.CLERK];

/** Holds a role that registers and changes members somewhere. */
function managesMembers(identity: Identity): boolean {
  return hasRole(identity, ...MEMBER_MANAGERS);
}

/** Checked before anything else, so callers without the right learn nothing from the input. */
export function assertManagesMembers(identity: Identity): void {
  if (!managesMembers(identity)) throw new Forbidden('members are registered and changed by CITY_ADMIN or the LEADER and CLERK of their district');
}

/** CITY_ADMIN, LEADER or CLERK whose jurisdiction covers the district. */
export function canManageMembersOf(identity: Identity, districtCode: string): boolean {
  return managesMembers(identity) && canAccessDistrict(identity, districtCode);
}

/**
 * Before changing a member: another district's member answers NOT_FOUND (as if it did not exist);
 * a member the caller sees but may not change (their own record, a procurator's view) FORBIDDEN.
 */
export function assertCanChangeMember(identity: Identity, member: MemberScope): void {
  if (!canSeeMember(identity, member)) throw new NotFound('Member', member.id);
  if (!canManageMembersOf(identity, member.districtCode)) {
    throw new Forbidden('members are changed by CITY_ADMIN or the LEADER and CLERK of their district');
  }
}

/** What a caller's member list may hold: one district (null: the whole city) or only themself. */
export type MemberListScope = { districtCode: string | null } | { memberId: string };

/**
 * Procuratorate staff list their district's members (city-wide staff: any district or all);
 * everybody else lists only themself. `districtCode` is the list's district filter; a district
 * outside the caller's jurisdiction gives null (an empty list, as if it had no members).
 */
export function memberListScope(identity: Identity, districtCode?: string | null): MemberListScope | null {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return { memberId: identity.subject };
  if (!districtCode || districtCode === CITY_CODE) return isCityWide(identity) ? { districtCode: null } : { districtCode: identity.district };
  return canAccessDistrict(identity, districtCode) ? { districtCode } : null;
}
