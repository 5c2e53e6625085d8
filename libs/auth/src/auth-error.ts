/** Why a caller could not be authenticated. */
export type AuthFailureReason =
  /** No Authorization header, or no token in it. */
  | 'missing'
  /** Not `Bearer <jwt>`, or not a parseable JWT. */
  | 'malformed'
  | 'expired'
  /** Signature does not verify against the trusted key(s), or no trusted key matches. */
  | 'bad_signature'
  /** Signed with an algorithm that is not allowed (e.g. HS256, none). */
  | 'bad_algorithm'
  | 'wrong_issuer'
  | 'wrong_audience'
  /** Claims missing or invalid: sub, name, roles (unknown role), district (not GB/T 2260), exp, nbf. */
  | 'bad_claims';

/** The only error this library throws for an unauthenticated caller. */
export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuthError';
  }

  /**
   * What may be told to the client: "missing" and "expired" help a client act (log in, refresh);
   * every other failure is reported as "invalid" so that probing learns nothing. Log `reason`.
   */
  get publicReason(): 'missing' | 'expired' | 'invalid' {
    return this.reason === 'missing' || this.reason === 'expired' ? this.reason : 'invalid';
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
