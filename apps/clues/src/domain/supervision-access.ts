import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, type Identity } from '@pgov/auth';
import { CITY_CODE } from '@pgov/reference-data';

/** Supervision records: procuratorate staff of the person's district, and city-wide staff. */
export function canSeeSupervision(identity: Identity, districtCode: string): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, districtCode);
}

/**
 * The districts a list may cover: undefined for all (city-wide staff without a district asked for),
 * one district, or null when the caller sees none there (not staff, or another district).
 */
export function supervisionListScope(identity: Identity, asked: string | null | undefined): { districtCode?: string } | null {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return null;
  const district = asked && asked !== CITY_CODE ? asked : undefined;
  if (isCityWide(identity)) return district ? { districtCode: district } : {};
  if (district && district !== identity.district) return null;
  return { districtCode: identity.district };
}
