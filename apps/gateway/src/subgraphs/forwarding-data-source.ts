import {
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  type ServiceEndpointDefinition,
} from '@apollo/gateway';
import type { Logger } from '../logger';
import { postJson, type RawResponse } from './subgraph-http';

/** The per-request context the gateway builds for every operation. */
export interface GatewayContext {
  requestId: string;
  /** The caller's verified `Authorization: Bearer ...` header. */
  authorization: string;
  identity: import('@pgov/auth').Identity;
}

/** The fetch Response surface Apollo's data source reads (status, headers, body), over a raw answer. */
function asFetchResponse(url: string, raw: RawResponse) {
  const header = (name: string) => {
    const value = raw.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : (value ?? null);
  };
  return {
    url,
    ok: raw.status >= 200 && raw.status < 300,
    status: raw.status,
    statusText: raw.statusText,
    headers: { get: header, has: (name: string) => header(name) !== null },
    // Parsed for each caller: the gateway merges into what it gets, so no two requests share objects.
    json: async () => JSON.parse(raw.text) as unknown,
    text: async () => raw.text,
  };
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * The subgraph calls' fetcher: kept-alive connections (subgraph-http.ts) with a deadline, and
 * identical queries in flight at the same moment — same subgraph, same caller's token, same
 * document and variables — sharing one call, so a dashboard opened by many screens at once costs
 * the subgraph one execution. Mutations and revealing (audited) reads are never shared.
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  const inFlight = new Map<string, Promise<RawResponse>>();
  const fetcher = async (url: string, init: { headers?: Record<string, string>; body?: string }) => {
    const body = init.body ?? '';
    const headers = init.headers ?? {};
    const authorization = headers['authorization'] ?? headers['Authorization'] ?? '';
    // Never shared: mutations, and reads that may reveal personal data (each is audited as its own request).
    const shareable = !/"query":"\s*mutation\b/.test(body) && !body.includes('reveal');
    const key = shareable ? `${url}\n${authorization}\n${body}` : null;
    let call = key ? inFlight.get(key) : undefined;
    if (!call) {
      call = postJson(url, headers, body, timeoutMs);
      if (key) {
        inFlight.set(key, call);
        const forget = () => inFlight.delete(key);
        call.then(forget, forget);
      }
    }
    return asFetchResponse(url, await call);
  };
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
  const fetcher = subgraphFetcher(options.timeoutMs);
  return ({ name, url }) => {
    const configured = options.subgraphUrls[name];
    if (!configured) options.logger.warn({ subgraph: name, url }, 'no URL configured for subgraph; using the supergraph routing URL');
    const target = configured ?? url;
    if (!target) throw new Error(`subgraph ${name} has no routing URL`);
    return new ForwardingDataSource({ url: target, fetcher });
  };
}
