/** Who sees and who runs public hearings. Pure. */
import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { CITY_CODE } from '@pgov/reference-data';

/** The district's procuratorate staff, and city-wide staff, see its hearings (the calendar included). */
export function canSeeHearings(identity: Identity, districtCode: string): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, districtCode);
}

/**
 * Whether the caller's roles let them run hearings anywhere: PROCURATOR and LEADER (in their
 * jurisdiction), CITY_ADMIN at city level. Asked before any record is read, so a clerk's refusal
 * says nothing about whether the petition exists.
 */
export function mayRunHearings(identity: Identity): boolean {
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) || (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity));
}

/** Scheduling and moving the hearings of a district: mayRunHearings, within the caller's jurisdiction. */
export function canRunHearings(identity: Identity, districtCode: string): boolean {
  return mayRunHearings(identity) && canAccessDistrict(identity, districtCode);
}

/** External officers' names are personal data of a kind: the procuratorate's staff only. */
export function canSeeOfficerNames(identity: Identity): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF);
}

/**
 * The districts a calendar request covers: one district, or every one (undefined) for a city-wide
 * caller asking for the city; null when the caller may see none of it.
 */
export function calendarScope(identity: Identity, requested: string | null | undefined): { districtCode?: string } | null {
  const district = requested ?? identity.district;
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return null;
  if (district === CITY_CODE) return isCityWide(identity) ? {} : null;
  return canAccessDistrict(identity, district) ? { districtCode: district } : null;
}
