import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { isTransientFailure } from '@pgov/errors';
import { maskUnexpectedError, unexpectedErrorAnswer, withErrorMapping } from '@pgov/graphql-kit';
import { graphqlHttpHandler, sendJson } from './graphql-http';
import type { ServiceMetrics } from '@pgov/metrics';
import { contextFromHeaders, inSpan, SpanKind } from '@pgov/tracing';
import { logUnexpectedError, unexpectedErrorLog } from './unexpected-error-log';
import { cacheScopePlugin, watchClaims, withWatch } from './cache-scope';

/** A named readiness check: resolves when the dependency is usable, throws (with why) when not. */
export type ReadinessCheck = [name: string, check: () => Promise<unknown>];

export interface SubgraphServerOptions<Identity, Ctx> {
  name: string;
  typeDefs: DocumentNode;
  /**
   * Resolver map (type → field → function). Typed loosely on purpose: services type each resolver's
   * parent and arguments precisely, which Apollo's map type (any-typed arguments) does not accept.
   */
  resolvers: Record<string, object>;
  host?: string;
  port: number;
  logger: Logger;
  /**
   * Verifies the caller from the forwarded Authorization header. Subgraphs never trust a caller
   * just because it reached them: throw to refuse (answered 401 UNAUTHENTICATED).
   */
  authenticate: (authorization: string | undefined) => Promise<Identity>;
  context: (args: { identity: Identity; requestId: string }) => Ctx | Promise<Ctx>;
  readiness: ReadinessCheck[];
  /**
   * What must hold for the process to be worth keeping (/healthz): a part that stopped for good
   * (a consumer that will not restart) fails it, so that the orchestrator replaces the process.
   */
  liveness?: ReadinessCheck[];
  /** Served at /metrics; its plugin times every GraphQL request. */
  metrics?: ServiceMetrics;
  /** Largest request body in bytes (default 256 KiB). */
  bodyLimit?: number;
  /**
   * The identity's properties a cacheable answer may depend on and still be declared `public`
   * (shared by every caller with the same values); an answer that read any other is `private`.
   * Default none: every cacheable answer is private.
   */
  sharedClaims?: readonly string[];
}

export interface SubgraphServer {
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
}

const requestIdOf = (headers: IncomingHttpHeaders): string => String(headers['x-request-id']);

export function createSubgraphServer<Identity, Ctx extends object>(options: SubgraphServerOptions<Identity, Ctx>): SubgraphServer {
  const { logger } = options;
  // Node's own HTTP server (graphql-http.ts): /graphql, /healthz, /readyz, /metrics and nothing else.
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => sendJson(res, 503, { status: 'starting' });
  const http: Server = createServer((req, res) => {
    // A call's request id is its x-request-id (the gateway's), made here when missing: the context,
    // this handler and Apollo's plugins (which get a copy of the context, but the headers) read it there.
    req.headers['x-request-id'] ??= randomUUID();
    route(req, res).catch((error: unknown) => {
      // Whatever got past Apollo: answered like an unexpected GraphQL error, 503 when a retry may help.
      logUnexpectedError(logger, error, { requestId: requestIdOf(req.headers) });
      if (!res.headersSent) sendJson(res, isTransientFailure(error) ? 503 : 500, { errors: [unexpectedErrorAnswer(error)] });
      else res.destroy();
    });
  });
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: withErrorMapping(options.resolvers) as GraphQLResolverMap<unknown> }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      unexpectedErrorLog(logger),
      cacheScopePlugin(),
      ...(options.metrics ? [options.metrics.plugin] : []),
    ],
    // Errors without a deliberate code answer only SERVICE_UNAVAILABLE (retryable) or INTERNAL_SERVER_ERROR.
    formatError: maskUnexpectedError,
    includeStacktraceInErrorResponses: false,
    logger,
  });
  let url = '';

  async function checked(checks: ReadinessCheck[]) {
    return Promise.all(
      checks.map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
  }

  async function readiness(res: ServerResponse): Promise<void> {
    const results = await checked(options.readiness);
    const ready = results.every(([, r]) => r === 'ok');
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  }

  async function liveness(res: ServerResponse): Promise<void> {
    const results = await checked(options.liveness ?? []);
    const alive = results.every(([, r]) => r === 'ok');
    sendJson(res, alive ? 200 : 503, { status: alive ? 'ok' : 'failed', service: options.name, ...(results.length > 0 ? { checks: Object.fromEntries(results) } : {}) });
  }

  return {
    get url() {
      return url;
    },
    async start() {
      await apollo.start();
      const graphql = graphqlHttpHandler(
        apollo,
        async (req) => {
          const requestId = requestIdOf(req.headers);
          let identity: Identity;
          try {
            identity = await options.authenticate(req.headers.authorization);
          } catch (error) {
            throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          try {
            // Resolvers see the identity watched: what they read decides whom their answer may be shared with.
            const watched = watchClaims(identity as object, options.sharedClaims ?? []);
            return withWatch(await options.context({ identity: watched.identity as Identity, requestId }), watched.watch);
          } catch (error) {
            // Apollo answers it through formatError, but tells its plugins nothing with a request id.
            logUnexpectedError(logger, error, { requestId });
            throw error;
          }
        },
        options.bodyLimit ?? 256 * 1024,
      );
      route = async (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        // A server span continuing the gateway's traceparent: resolvers, their statements and the
        // events they enqueue (enqueueEvent reads the active span) belong to the caller's trace.
        if (path === '/graphql') {
          const attributes = { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'service.name': options.name };
          return inSpan(`${options.name} POST /graphql`, { kind: SpanKind.SERVER, parent: contextFromHeaders(req.headers), attributes }, async (span) => {
            await graphql(req, res);
            span.setAttribute('http.response.status_code', res.statusCode);
          });
        }
        if (path === '/healthz' && req.method === 'GET') return liveness(res);
        if (path === '/metrics' && req.method === 'GET' && options.metrics) {
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
          return void res.end(await options.metrics.scrape());
        }
        if (path === '/readyz' && req.method === 'GET') return readiness(res);
        sendJson(res, 404, { error: 'not found' });
      };
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
      });
      const address = http.address() as AddressInfo;
      url = `http://${options.host ?? '127.0.0.1'}:${address.port}/graphql`;
      logger.info({ url }, `${options.name} subgraph listening`);
      return url;
    },
    async stop() {
      // Drain plugin: stop accepting, let in-flight requests finish, then close.
      await apollo.stop();
    },
  };
}
