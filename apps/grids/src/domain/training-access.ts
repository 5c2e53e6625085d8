import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { CITY_CODE } from '@pgov/reference-data';

/**
 * Who may do what with trainings (业务培训). A training belongs to the district that held it, or to
 * the city (610100) for the city's own. Titles, dates and counts are not personal; who attended is.
 */

export interface MemberOfDistrict {
  id: string;
  districtCode: string;
}

/** Creating a training and recording its attendance: CITY_ADMIN (city-wide: any), LEADER and CLERK of the training's own district. */
export function canManageTrainings(identity: Identity, districtCode: string): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && canAccessDistrict(identity, districtCode)) return true;
  return hasRole(identity, Role.LEADER, Role.CLERK) && identity.district === districtCode;
}

/**
 * A single training: procuratorate staff of its district (city-wide staff: all). The city's own
 * trainings are open to the staff of every district, whose members attend them.
 */
export function canSeeTraining(identity: Identity, districtCode: string): boolean {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return false;
  return districtCode === CITY_CODE || canAccessDistrict(identity, districtCode);
}

/**
 * Which trainings a list shows, for an optional district asked for: null when none. Lists follow
 * jurisdiction strictly: a district's staff list their district's trainings; 610100 (or no district)
 * means every training for city-wide staff.
 */
export function trainingListScope(identity: Identity, requested: string | null | undefined): { districtCode?: string } | null {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return null;
  if (isCityWide(identity)) return !requested || requested === CITY_CODE ? {} : { districtCode: requested };
  if (!requested) return { districtCode: identity.district };
  return requested === identity.district ? { districtCode: requested } : null;
}

/** A member's training history: the member themself (token subject = member id) and staff of the member's district. */
export function canSeeTrainingHistory(identity: Identity, member: MemberOfDistrict): boolean {
  if (identity.subject === member.id) return true;
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, member.districtCode);
}

/** Attendees a caller sees on any training: one district's (staff), everyone's (city-wide staff), or only themself. */
export type AttendeeScope = { all: true } | { districtCode: string } | { memberId: string };

export function attendeeScope(identity: Identity): AttendeeScope {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return { memberId: identity.subject };
  return isCityWide(identity) ? { all: true } : { districtCode: identity.district };
}

/** Members a training manager may name as attendees: those they may see (staff of the member's district). */
export function canNameAttendee(identity: Identity, member: MemberOfDistrict): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, member.districtCode);
}

/**
 * A member attends a training of another district only when it is the city's own (610100), or when
 * a city-wide caller records it (e.g. a neighbouring district's worker invited to a district course).
 */
export function mayAttendFromDistrict(identity: Identity, trainingDistrictCode: string, memberDistrictCode: string): boolean {
  return memberDistrictCode === trainingDistrictCode || trainingDistrictCode === CITY_CODE || isCityWide(identity);
}
