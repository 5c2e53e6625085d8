import type { RequestHandler } from 'express';
import {
  UNAUTHENTICATED,
  identityFromAuthorizationHeader,
  isAuthError,
  unauthenticatedError,
  wwwAuthenticate,
  type TokenVerifier,
} from '@pgov/auth';
import type { Logger } from '../logger';
import { errorBody, locals } from './locals';

/**
 * Verifies the bearer token before any GraphQL work (and before the body is parsed): missing,
 * expired, badly signed, wrong-issuer/audience tokens or bad claims → HTTP 401 with
 * extensions.code UNAUTHENTICATED. The client learns "missing" | "expired" | "invalid"; the log
 * keeps the precise reason.
 */
export function authenticateMiddleware(verifier: TokenVerifier, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    try {
      const identity = await identityFromAuthorizationHeader(verifier, req.headers.authorization);
      locals(res).identity = identity;
      locals(res).authorization = req.headers.authorization;
      next();
    } catch (error) {
      if (!isAuthError(error)) throw error;
      logger.info({ requestId: locals(res).requestId, reason: error.reason }, 'unauthenticated request refused');
      const graphqlError = unauthenticatedError(error);
      res
        .status(401)
        .set('WWW-Authenticate', wwwAuthenticate(error))
        .json(errorBody(graphqlError.message, UNAUTHENTICATED, { reason: error.publicReason }));
    }
  };
}
