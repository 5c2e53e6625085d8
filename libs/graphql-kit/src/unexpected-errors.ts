import type { GraphQLFormattedError } from 'graphql';
import { isTransientFailure } from '@pgov/errors';

/** The code of a transient failure (see isTransientFailure in @pgov/errors): retry after a short pause. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * Whether an error carries no code that anyone chose (a domain or input error's, authentication's,
 * Apollo's own for a bad document): a failure nobody meant to answer with. Apollo would answer it
 * INTERNAL_SERVER_ERROR with its own message, which may hold SQL, SQLSTATEs, hosts and ports.
 */
export function isUnexpectedError(code: unknown): boolean {
  return code === undefined || code === null || code === 'INTERNAL_SERVER_ERROR';
}

export interface UnexpectedErrorAnswer {
  message: string;
  extensions: { code: typeof SERVICE_UNAVAILABLE; retryable: true } | { code: 'INTERNAL_SERVER_ERROR' };
}

/**
 * All a client learns of an unexpected error: whether retrying may help. What happened is for the
 * server's log, which the caller writes (with the request id).
 */
export function unexpectedErrorAnswer(error: unknown): UnexpectedErrorAnswer {
  return isTransientFailure(error)
    ? { message: 'The service is briefly unavailable; retry the request.', extensions: { code: SERVICE_UNAVAILABLE, retryable: true } }
    : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Apollo Server's formatError: an unexpected error becomes its unexpectedErrorAnswer, keeping only
 * where it happened (locations, path); every other error passes as it is.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (!isUnexpectedError(formatted.extensions?.['code'])) return formatted;
  const { locations, path } = formatted;
  return { ...unexpectedErrorAnswer(error), ...(locations ? { locations } : {}), ...(path ? { path } : {}) };
}
