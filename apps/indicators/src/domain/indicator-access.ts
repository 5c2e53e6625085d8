import { canAccessDistrict, hasRole, Role, type Identity } from '@pgov/auth';

/** Indicator values are aggregates: everyone but partners reads their own jurisdiction's (city users: all). */
export function canSeeIndicatorsOf(identity: Identity, districtCode: string): boolean {
  return !hasRole(identity, Role.PARTNER) && canAccessDistrict(identity, districtCode);
}
