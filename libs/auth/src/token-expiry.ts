import { decodeJwt } from 'jose';

/**
 * When a token stops being valid: its `exp`, in milliseconds since the epoch (undefined when it has
 * none). Accepts the token or its `Bearer <token>` header. It only decodes: call it on a token the
 * verifier has accepted. Long-lived connections (the gateway's subscriptions) end at this instant.
 */
export function tokenExpiresAt(tokenOrAuthorization: string): number | undefined {
  const token = tokenOrAuthorization.trim().replace(/^Bearer +/i, '');
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
