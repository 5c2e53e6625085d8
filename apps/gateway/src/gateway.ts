/**
 * The gateway as a component: createGateway(config) → { start, stop, readiness, url }. No
 * process-level side effects (signals, exit, env reads) — main.ts owns those — so tests start it
 * in-process on an ephemeral port.
 */
import './telemetry-off';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import { createTokenVerifier, type TokenVerifier } from '@pgov/auth';
import type { GatewayConfig } from './config';
import { graphiqlRouter } from './graphiql/graphiql.router';
import { authenticateMiddleware } from './http/authenticate.middleware';
import { errorMiddleware, notFoundMiddleware } from './http/errors.middleware';
import { graphqlHandler } from './http/graphql-handler';
import { errorBody, locals } from './http/locals';
import { probeSubgraph, type SubgraphProbe } from './http/readiness';
import { requestIdMiddleware } from './http/request-id.middleware';
import { traceMiddleware } from './http/trace.middleware';
import { formatGatewayError, unexpectedErrorLog } from './http/unexpected-errors';
import { batchLimitViolation } from './limits/batch-limit';
import { operationLimitRules } from './limits/operation-limits';
import { costLimitPlugin } from './limits/operation-cost';
import { corsMiddleware } from './http/cors.middleware';
import { loadManifest } from './trusted-documents/manifest';
import { trustedDocuments } from './trusted-documents/trusted-documents';
import { trustedDocumentsMiddleware } from './trusted-documents/trusted-documents.middleware';
import { apolloLogger, type Logger } from './logger';
import { createServiceMetrics } from '@pgov/metrics';
import { serviceBuilder, type GatewayContext } from './subgraphs/forwarding-data-source';
import { createSubscriptions, type SubscriptionsReadiness } from './subscriptions/subscriptions';
import { createResponseCache } from './response-cache/response-cache';
import { noStoreForClients } from './response-cache/no-store';

export const GRAPHQL_PATH = '/graphql';

export interface Readiness {
  ready: boolean;
  state: GatewayState;
  subgraphs: SubgraphProbe[];
  /** Present when subscriptions are on; not part of `ready` (queries work without Kafka). */
  subscriptions?: SubscriptionsReadiness;
}

export type GatewayState = 'created' | 'starting' | 'ready' | 'stopping' | 'stopped';

export interface Gateway {
  /** Loads the supergraph, starts Apollo Server and listens; resolves to the GraphQL URL. */
  start(): Promise<string>;
  /** Stops accepting, drains in-flight requests (up to shutdownGraceMs), stops the gateway. Idempotent. */
  stop(): Promise<void>;
  readiness(): Promise<Readiness>;
  /** http://host:port/graphql once started. */
  readonly url: string;
  readonly state: GatewayState;
}

export interface GatewayDeps {
  logger: Logger;
  /** Defaults to one built from config.auth / authIssuer / authAudience. */
  verifier?: TokenVerifier;
  /** Defaults to the content of config.supergraphFile. */
  supergraphSdl?: string;
}

export function createGateway(config: GatewayConfig, deps: GatewayDeps): Gateway {
  const { logger } = deps;
  const verifier =
    deps.verifier ??
    createTokenVerifier({ ...config.auth, issuer: config.authIssuer, audience: config.authAudience });
  const supergraphSdl = deps.supergraphSdl ?? readFileSync(config.supergraphFile, 'utf8');
  const trusted =
    config.trustedDocuments.mode === 'off' ? null : trustedDocuments(loadManifest(config.trustedDocuments.file), config.trustedDocuments.mode, logger);

  let state: GatewayState = 'created';
  let url = '';

  const metrics = createServiceMetrics('gateway');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: serviceBuilder({ subgraphUrls: config.subgraphUrls, timeoutMs: config.subgraphTimeoutMs, logger, onFetch: metrics.onSubgraphFetch }),
    logger: apolloLogger(logger),
  });

  const responseCache = config.responseCacheMaxBytes > 0 ? createResponseCache({ maxBytes: config.responseCacheMaxBytes, onLookup: metrics.onResponseCache }) : null;

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated by ETag; hashing every response body costs CPU for nothing.
  app.set('etag', false);
  app.set('trust proxy', false);
  const httpServer: Server = createServer(app);
  httpServer.requestTimeout = 60_000;
  httpServer.headersTimeout = 20_000;
  httpServer.keepAliveTimeout = 65_000;

  const server = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: config.nodeEnv,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    validationRules: operationLimitRules(config.limits),
    // Too many tokens fail the parse itself (GRAPHQL_PARSE_FAILED, 400) before any tree is built.
    parseOptions: { maxTokens: config.limits.maxTokens },
    allowBatchedHttpRequests: config.limits.maxBatchSize > 1,
    includeStacktraceInErrorResponses: false,
    // No unexpected error leaks internals (SQL, hosts, ports); coded errors pass as they are.
    formatError: formatGatewayError,
    logger: apolloLogger(logger),
    // main.ts owns the signals: Apollo's own handler would re-raise SIGTERM once *it* has stopped,
    // killing the process before the rest of stop() (live streams, the Kafka consumer) is done.
    stopOnTerminationSignals: false,
    plugins: [
      unexpectedErrorLog(logger),
      metrics.plugin,
      costLimitPlugin(config.limits),
      // The subgraphs' Cache-Control headers make each answer's cache policy (RemoteGraphQLDataSource);
      // the response cache uses it, clients are told no-store whatever it is.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      ...(responseCache?.plugins ?? []),
      noStoreForClients(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(config.introspection ? [] : [ApolloServerPluginDisableSuggestions()]),
    ],
  });

  const subscriptions = config.subscriptions
    ? createSubscriptions(config, config.subscriptions, { server, verifier, logger, path: GRAPHQL_PATH, trusted, onChange: responseCache?.invalidate })
    : null;
  if (subscriptions) gateway.onSchemaLoadOrUpdate(({ apiSchema }) => subscriptions.useApiSchema(apiSchema));

  async function readiness(): Promise<Readiness> {
    const live = subscriptions ? { subscriptions: subscriptions.readiness() } : {};
    if (state !== 'ready') return { ready: false, state, subgraphs: [], ...live };
    const subgraphs = await Promise.all(
      Object.entries(config.subgraphUrls).map(([name, url]) => probeSubgraph(name, url, config.readinessProbeTimeoutMs)),
    );
    return { ready: subgraphs.every((s) => s.ok), state, subgraphs, ...live };
  }

  function mountRoutes(): void {
    app.use(requestIdMiddleware());
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.scrape());
    });
    app.get('/readyz', async (_req, res) => {
      const result = await readiness();
      for (const s of result.subgraphs) if (!s.ok) logger.debug({ subgraph: s.name, detail: s.detail }, 'subgraph not ready');
      res.status(result.ready ? 200 : 503).json({
        status: result.ready ? 'ready' : 'not ready',
        state: result.state,
        // Unauthenticated: which subgraph is down, never its address or the error (that is logged).
        subgraphs: Object.fromEntries(result.subgraphs.map((s) => [s.name, s.ok ? `ok (${s.via})` : 'down'])),
        ...(result.subscriptions ? { subscriptions: result.subscriptions } : {}),
      });
    });
    if (config.graphiql) app.use(graphiqlRouter(GRAPHQL_PATH));

    app.use(GRAPHQL_PATH, corsMiddleware(config.corsOrigins));
    app.all(GRAPHQL_PATH, (req, res, next) => {
      if (req.method === 'GET' || req.method === 'POST') return next();
      res.status(405).set('Allow', 'GET, POST').json(errorBody('Use GET or POST', 'METHOD_NOT_ALLOWED'));
    });
    app.use(
      GRAPHQL_PATH,
      authenticateMiddleware(verifier, logger),
      express.json({ limit: config.limits.maxBodyBytes }),
      (req, res, next) => {
        const violation = batchLimitViolation(req.body, config.limits.maxBatchSize);
        if (!violation) return next();
        res.status(400).json(errorBody(violation, 'BATCH_LIMIT_EXCEEDED', { max: config.limits.maxBatchSize }));
      },
      ...(trusted ? [trustedDocumentsMiddleware(trusted)] : []),
      traceMiddleware(),
      // Subscription operations asked for as a stream; everything else goes on to Apollo Server.
      ...(subscriptions ? [subscriptions.http] : []),
      graphqlHandler(server, async (res) => {
        const { identity, authorization, requestId } = locals(res);
        if (!identity || !authorization) throw new Error('authenticate middleware did not run');
        return { identity, authorization, requestId };
      }),
    );
    app.use(notFoundMiddleware());
    app.use(errorMiddleware(logger));
  }

  return {
    get url() {
      return url;
    },
    get state() {
      return state;
    },
    readiness,
    async start() {
      if (state !== 'created') throw new Error(`gateway cannot start from state ${state}`);
      state = 'starting';
      await server.start();
      subscriptions?.assertReady();
      mountRoutes();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}${GRAPHQL_PATH}`;
      subscriptions?.start(httpServer);
      state = 'ready';
      logger.info({ url, graphiql: config.graphiql, introspection: config.introspection }, 'gateway ready');
      return url;
    },
    async stop() {
      if (state === 'stopping' || state === 'stopped') return;
      const wasStarted = state !== 'created';
      state = 'stopping';
      // Live streams never finish by themselves: end them (and the WebSockets) before draining.
      await subscriptions?.stop();
      if (wasStarted) {
        // Drain plugin: stop accepting, wait for in-flight requests, then ApolloServer stops the gateway.
        await server.stop();
      } else {
        await gateway.stop();
      }
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      state = 'stopped';
      logger.info('gateway stopped');
    },
  };
}
