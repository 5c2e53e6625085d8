import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isUnexpectedError, maskUnexpectedError } from '@pgov/graphql-kit';
import type { Logger } from '../logger';
import type { GatewayContext } from '../subgraphs/forwarding-data-source';

const serviceNameOf = (error: { extensions?: Record<string, unknown> }) => error.extensions?.['serviceName'];

/**
 * Apollo Server's formatError: maskUnexpectedError (an error nobody gave a code — a failure of the
 * gateway itself, a subgraph error without one — answers only INTERNAL_SERVER_ERROR or
 * SERVICE_UNAVAILABLE with a generic message), keeping extensions.serviceName: which service
 * failed is no internal, and subgraph errors have always named it.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const masked = maskUnexpectedError(formatted, error);
  const serviceName = serviceNameOf(formatted);
  if (masked === formatted || typeof serviceName !== 'string') return masked;
  return { ...masked, extensions: { ...masked.extensions, serviceName } };
}

/**
 * Logs, whole and with the request id, each error the client sees masked that arose in the gateway
 * itself. A subgraph's are logged where they happen: by the subgraph, or by ForwardingDataSource
 * when the call failed.
 */
export function unexpectedErrorLog(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error.extensions?.['code']) || serviceNameOf(error) !== undefined) continue;
            logger.error({ err: error.originalError ?? error, requestId: contextValue.requestId, operationName, path: error.path?.join('.') }, 'unexpected error: answered masked');
          }
        },
      };
    },
  };
}
