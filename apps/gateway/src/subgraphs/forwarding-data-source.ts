import {
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  type ServiceEndpointDefinition,
} from '@apollo/gateway';
import { SERVICE_UNAVAILABLE } from '@pgov/graphql-kit';
import { inSpan, injectTraceContext, SpanKind } from '@pgov/tracing';
import type { Logger } from '../logger';
import { mayReveal } from '../personal-data/may-reveal';
import { missingParts } from './missing-parts';
import { atMissingParts, failureErrors, fromSubgraph, SubgraphHttpError } from './subgraph-failure';
import { postJson, SubgraphCallError, type RawResponse } from './subgraph-http';

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
export function subgraphFetcher(timeoutMs: number, observe?: (url: string, outcome: string, seconds: number) => void): Fetcher {
  const inFlight = new Map<string, Promise<RawResponse>>();
  // Each call to a subgraph once (a shared call is one call), by outcome: the HTTP status or why none came.
  const timed = (url: string, call: Promise<RawResponse>) => {
    if (!observe) return call;
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    call.then(
      (raw) => observe(url, String(raw.status), seconds()),
      (error: unknown) => observe(url, error instanceof SubgraphCallError ? error.kind : 'failed', seconds()),
    );
    return call;
  };
  const fetcher = async (url: string, init: { headers?: Record<string, string>; body?: string }) => {
    const body = init.body ?? '';
    const headers = init.headers ?? {};
    const authorization = headers['authorization'] ?? headers['Authorization'] ?? '';
    // Never shared: mutations, and reads that may reveal personal data (each is audited as its own request).
    const mutation = /"query":"\s*mutation\b/.test(body);
    const shareable = !mutation && !mayReveal(body);
    const key = shareable ? `${url}\n${authorization}\n${body}` : null;
    let call = key ? inFlight.get(key) : undefined;
    if (!call) {
      call = timed(url, postJson(url, headers, body, timeoutMs, { idempotent: !mutation }));
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

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Calls a subgraph with the caller's Authorization header (the subgraph verifies the same token
 * itself) and the request id, and nothing else from the incoming request. A call that fails as a
 * whole (unreachable, too slow, a non-2xx answer) does not fail the operation: it answers errors
 * at the fields it would have filled, naming the service (extensions.serviceName, added by the
 * gateway), and the other subgraphs' data stands (see subgraph-failure.ts for what the client learns).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name in the supergraph (clues, grids…): what a client is told failed. */
  readonly name: string;
  private readonly logger: Logger;

  constructor(options: { url: string; fetcher: Fetcher; name: string; logger: Logger }) {
    super({ url: options.url, fetcher: options.fetcher });
    this.name = options.name;
    this.logger = options.logger;
  }

  override willSendRequest(options: ProcessOptions): void {
    const headers = options.request.http?.headers;
    const context = options.context as Partial<GatewayContext>;
    if (!headers) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set('x-request-id', context.requestId);
    // W3C traceparent of the active span: this call's client span (process below).
    injectTraceContext((name, value) => headers.set(name, value));
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      // One client span per subgraph call; willSendRequest runs inside it and sends its traceparent.
      return await inSpan(`gateway → ${this.name}`, { kind: SpanKind.CLIENT, attributes: { 'peer.service': this.name, 'server.address': this.url ?? '' } }, () => super.process(options));
    } catch (error) {
      if (!('incomingRequestContext' in options)) throw error;
      const errors = failureErrors(this.name, error);
      this.logFailure(error, errors[0]?.extensions?.['code'] === SERVICE_UNAVAILABLE, options.context.requestId);
      const { query, variables } = options.request;
      return { errors: atMissingParts(errors, query ? missingParts(query, variables) : []) };
    }
  }

  /** Non-2xx: kept whole for process(), which passes on only a GraphQL error body's errors. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<SubgraphHttpError> {
    return new SubgraphHttpError(response.status, await response.text());
  }

  override didReceiveResponse({ response }: { response: GatewayGraphQLResponse }): GatewayGraphQLResponse {
    return response.errors ? { ...response, errors: response.errors.map(fromSubgraph) } : response;
  }

  private logFailure(error: unknown, unavailable: boolean, requestId: string | undefined): void {
    const fields = {
      subgraph: this.name,
      url: this.url,
      requestId,
      // What the client is not told: the subgraph's answer, or how reaching it failed.
      ...(error instanceof SubgraphHttpError
        ? { status: error.status, body: error.body.slice(0, 2_000) }
        : { err: error instanceof Error && error.cause ? error.cause : error, reason: error instanceof Error ? error.message : String(error) }),
    };
    if (unavailable) this.logger.warn(fields, 'subgraph unavailable: answered SERVICE_UNAVAILABLE (retryable) at its fields');
    else this.logger.error(fields, 'subgraph call failed: answered an error at its fields');
  }
}

/** buildService for ApolloGateway: routing URL from configuration, falling back to the supergraph's. */
export function serviceBuilder(options: {
  subgraphUrls: Readonly<Record<string, string>>;
  timeoutMs: number;
  logger: Logger;
  /** Each subgraph call: the subgraph's name, the outcome (HTTP status, unavailable, failed) and its time. */
  onFetch?: (subgraph: string, outcome: string, seconds: number) => void;
}): (definition: ServiceEndpointDefinition) => ForwardingDataSource {
  const names = new Map<string, string>();
  const { onFetch } = options;
  const fetcher = subgraphFetcher(options.timeoutMs, onFetch ? (url, outcome, seconds) => onFetch(names.get(url) ?? 'unknown', outcome, seconds) : undefined);
  return ({ name, url }) => {
    const configured = options.subgraphUrls[name];
    if (!configured) options.logger.warn({ subgraph: name, url }, 'no URL configured for subgraph; using the supergraph routing URL');
    const target = configured ?? url;
    if (!target) throw new Error(`subgraph ${name} has no routing URL`);
    names.set(target, name);
    return new ForwardingDataSource({ url: target, fetcher, name, logger: options.logger.child({ component: 'subgraphs' }) });
  };
}
