import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions, type ServiceEndpointDefinition } from '@apollo/gateway';
import type { Logger } from '../logger';

/** The per-request context the gateway builds for every operation. */
export interface GatewayContext {
  requestId: string;
  /** The caller's verified `Authorization: Bearer ...` header. */
  authorization: string;
  identity: import('@pgov/auth').Identity;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Node's fetch (undici) with a deadline per subgraph call; keeps connections alive. */
export function timeoutFetcher(timeoutMs: number): Fetcher {
  const fetcher = (url: string, init?: Record<string, unknown>) =>
    fetch(url, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) });
  return fetcher as unknown as Fetcher;
}

/**
 * Calls a subgraph with the caller's Authorization header (the subgraph verifies the same token
 * itself) and the request id, and nothing else from the incoming request.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    const context = options.context as Partial<GatewayContext>;
    if (!headers) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }
}

/** buildService for ApolloGateway: routing URL from configuration, falling back to the supergraph's. */
export function serviceBuilder(options: {
  subgraphUrls: Readonly<Record<string, string>>;
  timeoutMs: number;
  logger: Logger;
}): (definition: ServiceEndpointDefinition) => ForwardingDataSource {
  const fetcher = timeoutFetcher(options.timeoutMs);
  return ({ name, url }) => {
    const configured = options.subgraphUrls[name];
    if (!configured) options.logger.warn({ subgraph: name, url }, 'no URL configured for subgraph; using the supergraph routing URL');
    const target = configured ?? url;
    if (!target) throw new Error(`subgraph ${name} has no routing URL`);
    return new ForwardingDataSource({ url: target, fetcher });
  };
}
