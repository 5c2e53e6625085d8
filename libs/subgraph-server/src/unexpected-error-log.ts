import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isTransientFailure } from '@pgov/errors';
import { isUnexpectedError } from '@pgov/graphql-kit';
import type { Logger } from 'pino';

/**
 * Logs an error the client sees only as SERVICE_UNAVAILABLE or INTERNAL_SERVER_ERROR (see
 * unexpectedErrorAnswer in @pgov/graphql-kit), whole, with the request id that ties it to the call.
 */
export function logUnexpectedError(logger: Logger, error: unknown, fields: { requestId: string | undefined; [field: string]: unknown }): void {
  if (isTransientFailure(error)) logger.warn({ err: error, ...fields }, 'database briefly unavailable: answered SERVICE_UNAVAILABLE (retryable)');
  else logger.error({ err: error, ...fields }, 'unexpected error: answered INTERNAL_SERVER_ERROR');
}

/** An Apollo plugin that logs every unexpected error of an operation (resolvers, entity references, execution). */
export function unexpectedErrorLog<Ctx extends BaseContext>(logger: Logger): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, request, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error.extensions?.['code'])) continue;
            const requestId = request.http?.headers.get('x-request-id');
            logUnexpectedError(logger, error.originalError ?? error, { requestId, operationName, path: error.path?.join('.') });
          }
        },
      };
    },
  };
}
