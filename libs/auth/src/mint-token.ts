import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { identityToClaims, parseIdentityClaims } from './claims';
import type { Identity } from './identity';
import { algorithmForKey, importPrivateKeyPem } from './keys';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from './token-verifier';

export interface MintTokenOptions {
  issuer?: string;
  audience?: string;
  /** Seconds from now (negative: already expired, for tests) or "30m" / "8h" / "7d". */
  expiresIn: number | string;
  /** `kid` header, to select the key from a JWK set. */
  keyId?: string;
  /** Clock for tests. */
  now?: Date;
}

/**
 * Signs an access token for `identity` (ES256 for an EC key, RS256 for an RSA key). For development
 * and tests: production tokens come from the identity provider.
 */
export async function mintToken(
  privateKey: KeyObject | string,
  identity: Identity,
  options: MintTokenOptions,
): Promise<string> {
  const parsed = parseIdentityClaims(identityToClaims(identity));
  if ('problems' in parsed) throw new TypeError(`cannot mint a token for an invalid identity: ${parsed.problems.join('; ')}`);
  const key = typeof privateKey === 'string' ? importPrivateKeyPem(privateKey) : privateKey;
  const alg = algorithmForKey(key);
  const { sub, ...claims } = identityToClaims(parsed.identity);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT', ...(options.keyId ? { kid: options.keyId } : {}) })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt(iat)
    .setJti(randomUUID());
  jwt.setExpirationTime(iat + durationSeconds(options.expiresIn));
  return jwt.sign(key);
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** 3600 | "3600" | "30s" | "15m" | "8h" | "7d" (a leading "-" for the past) → seconds. */
export function durationSeconds(value: number | string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  const match = /^(-?\d+)\s*([smhd]?)$/.exec(String(value).trim());
  if (!match?.[1]) throw new TypeError(`not a duration: ${String(value)} (use e.g. 3600, 30m, 8h, 7d)`);
  const unit = (match[2] || 's') as keyof typeof UNIT_SECONDS;
  return Number(match[1]) * UNIT_SECONDS[unit];
}
