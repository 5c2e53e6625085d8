import { CITY_CODE } from '@pgov/reference-data';

/** Who is calling, as read from a verified token. Pure data: no transport, no crypto. */

export enum Role {
  CITY_ADMIN = 'CITY_ADMIN',
  /** 院领导 */
  LEADER = 'LEADER',
  PROCURATOR = 'PROCURATOR',
  CLERK = 'CLERK',
  GRID_WORKER = 'GRID_WORKER',
  HEARING_OFFICER = 'HEARING_OFFICER',
  ANALYST = 'ANALYST',
  PARTNER = 'PARTNER',
}

export const ROLES: readonly Role[] = Object.values(Role);

/** The procuratorate's own staff (as opposed to grid workers, hearing officers, analysts, partners). */
export const PROCURATORATE_STAFF: readonly Role[] = [Role.CITY_ADMIN, Role.LEADER, Role.PROCURATOR, Role.CLERK];

/** GB/T 2260 code of the whole city (西安市); a user with this district sees every district. */
export const CITY_DISTRICT = CITY_CODE;

/** A GB/T 2260 administrative division code: six digits, the first not zero. */
export const DISTRICT_CODE_PATTERN = /^[1-9]\d{5}$/;

export interface Identity {
  /** Stable subject id from the identity provider (JWT `sub`). */
  readonly subject: string;
  /** Display name (JWT `name`). */
  readonly name: string;
  readonly roles: readonly Role[];
  /** GB/T 2260 district code; {@link CITY_DISTRICT} means the whole city. */
  readonly district: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isDistrictCode(value: unknown): value is string {
  return typeof value === 'string' && DISTRICT_CODE_PATTERN.test(value);
}

/** True when the identity belongs to the city level (district 610100). */
export function isCityWide(identity: Identity): boolean {
  return identity.district === CITY_DISTRICT;
}

/** Jurisdiction rule: city users reach every district, everybody else only their own. */
export function canAccessDistrict(identity: Identity, districtCode: string): boolean {
  return isCityWide(identity) || identity.district === districtCode;
}

/** True when the identity holds at least one of `roles`. */
export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return roles.some((role) => identity.roles.includes(role));
}

/**
 * The claims an answer may depend on and still be shared by every caller who holds the same values
 * (the gateway's response cache keys shared answers by exactly these). An answer that read any
 * other claim — who the caller is, their name — is the caller's own (subgraph-server marks it PRIVATE).
 */
export const SHARED_CACHE_CLAIMS = ['roles', 'district'] as const satisfies readonly (keyof Identity)[];
