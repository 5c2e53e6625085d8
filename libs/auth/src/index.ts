export {
  CITY_DISTRICT,
  DISTRICT_CODE_PATTERN,
  PROCURATORATE_STAFF,
  ROLES,
  SHARED_CACHE_CLAIMS,
  Role,
  canAccessDistrict,
  hasRole,
  isCityWide,
  isDistrictCode,
  isRole,
  type Identity,
} from './identity';
export { AuthError, isAuthError, type AuthFailureReason } from './auth-error';
export { identityClaimsSchema, parseIdentityClaims, type IdentityClaims } from './claims';
export {
  TOKEN_ALGORITHMS,
  algorithmForKey,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateDevKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  type DevKeyPair,
  type TokenAlgorithm,
} from './keys';
export {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  MAX_TOKEN_LENGTH,
  createTokenVerifier,
  identityFromAuthorizationHeader,
  type TokenKeySource,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier';
export { durationSeconds, mintToken, type MintTokenOptions } from './mint-token';
export { tokenExpiresAt } from './token-expiry';
export { UNAUTHENTICATED, requireIdentity, unauthenticatedError, wwwAuthenticate } from './graphql-auth';
