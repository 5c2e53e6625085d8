import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { LRUCache } from 'lru-cache';
import { AuthError, type AuthFailureReason } from './auth-error';
import { parseIdentityClaims } from './claims';
import type { Identity } from './identity';
import { algorithmForKey, importPublicKeyPem, TOKEN_ALGORITHMS, type TokenAlgorithm } from './keys';

export const DEFAULT_ISSUER = 'pgov-dev-idp';
export const DEFAULT_AUDIENCE = 'pgov-api';
/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;

/** Where the trusted verification key(s) come from: one PEM, or a JWK set (key rotation, `kid`). */
export type TokenKeySource =
  | { publicKeyPem: string }
  | { publicKeyFile: string }
  | { jwks: JSONWebKeySet }
  | { jwksFile: string };

export type TokenVerifierOptions = TokenKeySource & {
  /** Expected `iss`; default {@link DEFAULT_ISSUER}. */
  issuer?: string;
  /** Expected `aud` (the token must name it); default {@link DEFAULT_AUDIENCE}. */
  audience?: string;
  /** Accepted signature algorithms; default and upper bound ['RS256', 'ES256']. */
  algorithms?: TokenAlgorithm[];
  /** Allowed clock skew for exp/nbf in seconds; default 5. */
  clockToleranceSeconds?: number;
  /** Clock for tests. */
  currentDate?: () => Date;
  /**
   * Tokens verified lately, kept until they expire so that the gateway and each subgraph check a
   * caller's signature once, not on every request (default 10,000; 0: verify every time). Only
   * tokens that passed are kept, under their exact text: a changed byte is a different key.
   */
  cacheSize?: number;
};

export interface TokenVerifier {
  /** Verifies signature, algorithm, iss, aud, exp/nbf and the identity claims; throws {@link AuthError}. */
  verify(token: string): Promise<Identity>;
}

type KeyInput = KeyObject | ReturnType<typeof createLocalJWKSet>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const requested = options.algorithms ?? [...TOKEN_ALGORITHMS];
  const unsupported = requested.filter((a) => !TOKEN_ALGORITHMS.includes(a));
  if (requested.length === 0 || unsupported.length > 0) {
    throw new TypeError(`algorithms must be a non-empty subset of ${TOKEN_ALGORITHMS.join(', ')}`);
  }
  const { key, algorithms } = resolveKey(options, requested);
  const toleranceMs = (options.clockToleranceSeconds ?? 5) * 1000;
  const cacheSize = options.cacheSize ?? 10_000;
  const verified = cacheSize > 0 ? new LRUCache<string, { identity: Identity; expiresAt: number; notBefore: number }>({ max: cacheSize }) : null;

  return {
    async verify(token: string): Promise<Identity> {
      if (typeof token !== 'string' || token.length === 0) throw new AuthError('missing', 'no bearer token');
      if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('malformed', 'token too long');
      const known = verified?.get(token);
      if (known) {
        const now = options.currentDate?.().getTime() ?? Date.now();
        // Still within its validity: the signature and claims were checked when it was first seen.
        if (now <= known.expiresAt + toleranceMs && now >= known.notBefore - toleranceMs) return known.identity;
        verified!.delete(token);
      }
      let payload: unknown;
      try {
        const result = await jwtVerify(token, key as KeyObject, {
          issuer,
          audience,
          algorithms,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: options.clockToleranceSeconds ?? 5,
          currentDate: options.currentDate?.(),
        });
        payload = result.payload;
      } catch (error) {
        throw toAuthError(error);
      }
      const parsed = parseIdentityClaims(payload);
      if ('problems' in parsed) throw new AuthError('bad_claims', `invalid claims: ${parsed.problems.join('; ')}`);
      const { exp, nbf } = payload as { exp: number; nbf?: number };
      verified?.set(token, { identity: parsed.identity, expiresAt: exp * 1000, notBefore: (nbf ?? 0) * 1000 });
      return parsed.identity;
    },
  };
}

function resolveKey(
  options: TokenKeySource,
  requested: TokenAlgorithm[],
): { key: KeyInput; algorithms: TokenAlgorithm[] } {
  if ('publicKeyPem' in options || 'publicKeyFile' in options) {
    const pem = 'publicKeyPem' in options ? options.publicKeyPem : readFileSync(options.publicKeyFile, 'utf8');
    const key = importPublicKeyPem(pem);
    const algorithm = algorithmForKey(key);
    if (!requested.includes(algorithm)) {
      throw new TypeError(`the public key is for ${algorithm}, which is not among the accepted algorithms`);
    }
    // One key, one algorithm: a token claiming any other `alg` is refused outright.
    return { key, algorithms: [algorithm] };
  }
  const jwks: JSONWebKeySet =
    'jwks' in options ? options.jwks : (JSON.parse(readFileSync(options.jwksFile, 'utf8')) as JSONWebKeySet);
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new TypeError('the JWK set has no keys');
  return { key: createLocalJWKSet(jwks), algorithms: requested };
}

function toAuthError(error: unknown): AuthError {
  const reason = reasonFor(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new AuthError(reason, `token rejected (${reason}): ${detail}`, { cause: error });
}

function reasonFor(error: unknown): AuthFailureReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'aud') return 'wrong_audience';
    return 'bad_claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'bad_algorithm';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  // Signature mismatch, no key for this kid/alg, or a key of the wrong type for the header's alg.
  return 'bad_signature';
}

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

/**
 * Reads `Authorization: Bearer <jwt>` and verifies it. Absent or empty header → AuthError("missing");
 * another scheme, a repeated header or a token that is not a compact JWS → AuthError("malformed").
 */
export async function identityFromAuthorizationHeader(
  verifier: TokenVerifier,
  header: string | readonly string[] | undefined | null,
): Promise<Identity> {
  if (header === undefined || header === null) throw new AuthError('missing', 'no Authorization header');
  if (typeof header !== 'string') {
    throw new AuthError('malformed', 'more than one Authorization header');
  }
  const value = header.trim();
  if (value === '' || /^Bearer$/i.test(value)) throw new AuthError('missing', 'no bearer token');
  if (value.length > MAX_TOKEN_LENGTH + 20) throw new AuthError('malformed', 'Authorization header too long');
  const match = BEARER.exec(value);
  if (!match?.[1]) throw new AuthError('malformed', 'Authorization is not "Bearer <jwt>"');
  return verifier.verify(match[1]);
}
