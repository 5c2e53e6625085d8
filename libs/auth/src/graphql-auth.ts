import { GraphQLError } from 'graphql';
import { AuthError, isAuthError } from './auth-error';
import type { Identity } from './identity';
import { identityFromAuthorizationHeader, type TokenVerifier } from './token-verifier';

export const UNAUTHENTICATED = 'UNAUTHENTICATED';

/**
 * The GraphQL error for an unauthenticated caller: extensions.code UNAUTHENTICATED, a public reason
 * ("missing" | "expired" | "invalid") and `http.status` 401, which Apollo Server uses as the HTTP
 * status when this is thrown from the context function.
 */
export function unauthenticatedError(error: AuthError): GraphQLError {
  return new GraphQLError(
    error.publicReason === 'missing'
      ? 'Authentication required: send "Authorization: Bearer <token>"'
      : error.publicReason === 'expired'
        ? 'The access token has expired'
        : 'The access token is not valid',
    {
      extensions: {
        code: UNAUTHENTICATED,
        reason: error.publicReason,
        http: { status: 401, headers: new Map([['www-authenticate', wwwAuthenticate(error)]]) },
      },
    },
  );
}

/** RFC 6750 challenge for a 401. */
export function wwwAuthenticate(error: AuthError): string {
  return error.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
}

/**
 * For a subgraph's (or any server's) context function: verifies the forwarded
 * `Authorization: Bearer` header and returns the caller's identity, or throws the UNAUTHENTICATED
 * GraphQLError above (HTTP 401). Any other error is rethrown unchanged.
 *
 *   context: async ({ req }) => ({ identity: await requireIdentity(verifier, req.headers.authorization) })
 */
export async function requireIdentity(
  verifier: TokenVerifier,
  authorizationHeader: string | readonly string[] | undefined | null,
): Promise<Identity> {
  try {
    return await identityFromAuthorizationHeader(verifier, authorizationHeader);
  } catch (error) {
    if (isAuthError(error)) throw unauthenticatedError(error);
    throw error;
  }
}
