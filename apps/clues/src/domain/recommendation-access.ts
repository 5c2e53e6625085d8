import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';

/** A recommendation as far as who may see or change it. */
export interface RecommendationScope {
  districtCode: string;
}

/** The register: procuratorate staff of the district (CLERK included); city-wide staff see all. */
export function canSeeRecommendation(identity: Identity, r: RecommendationScope): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, r.districtCode);
}

/** Issuing and changing: PROCURATOR and LEADER of the district (or the city), and city-wide CITY_ADMIN. */
export function canChangeRecommendation(identity: Identity, r: RecommendationScope): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.PROCURATOR, Role.LEADER) && canAccessDistrict(identity, r.districtCode);
}

/** The same rule as a filter for lists: null means the caller sees none at all. */
export function recommendationListScope(identity: Identity): { districtCode?: string } | null {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return null;
  return isCityWide(identity) ? {} : { districtCode: identity.district };
}
