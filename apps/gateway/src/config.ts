/**
 * The gateway's configuration: the only reader of process.env in this app. Every problem is
 * reported at once (ConfigError) at start-up.
 */
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ConfigError, commonEnv, kafkaBrokers, kafkaFetchLingerMs, kafkaClientSecurity, kafkaSecurityEnv, loadConfig, port, type KafkaClientSecurity } from '@pgov/config';
import { parseOrigins, type OriginPolicy } from './http/origins';

// From the sources (apps/gateway/src) the app's root is one level up; the bundle (dist/apps/gateway/main.js,
// /app/main.js in the image) has supergraph.graphql beside it. Both are three levels below the workspace.
const APP_ROOT = basename(__dirname) === 'src' ? join(__dirname, '..') : __dirname;
const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');
export const DEFAULT_SUPERGRAPH_FILE = join(APP_ROOT, 'supergraph.graphql');
/** Written by tools/dev-keys.ts; only a default outside production. */
export const DEV_PUBLIC_KEY_FILE = join(WORKSPACE_ROOT, '.run', 'keys', 'public.pem');

/** Subgraph name (as in the supergraph) → env variable overriding its routing URL. */
export const SUBGRAPH_URL_ENV = {
  grids: 'GRIDS_URL',
  clues: 'CLUES_URL',
  petitions: 'PETITIONS_URL',
  indicators: 'INDICATORS_URL',
} as const;

const flag = () =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional();
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const httpUrl = (fallback: string) =>
  z.string().url().refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL').default(fallback);

export const gatewayEnv = {
  ...commonEnv,
  /** Listen port (0: any free port). */
  PORT: port(4000),
  /** Listen address (`0.0.0.0` in a container: the image sets it). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The composed supergraph SDL (default: `supergraph.graphql` of the app; beside main.js in the bundle and the image). */
  SUPERGRAPH_FILE: z.string().min(1).default(DEFAULT_SUPERGRAPH_FILE),
  /** The grids subgraph's GraphQL URL. */
  GRIDS_URL: httpUrl('http://127.0.0.1:4001/graphql'),
  /** The clues subgraph's GraphQL URL. */
  CLUES_URL: httpUrl('http://127.0.0.1:4002/graphql'),
  /** The petitions subgraph's GraphQL URL. */
  PETITIONS_URL: httpUrl('http://127.0.0.1:4003/graphql'),
  /** The indicators subgraph's GraphQL URL. */
  INDICATORS_URL: httpUrl('http://127.0.0.1:4004/graphql'),
  /** PEM (SPKI, EC P-256 or RSA) of the token signing key; this or AUTH_JWKS_FILE is required in production (elsewhere the default is .run/keys/public.pem). */
  AUTH_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  /** Alternative to AUTH_PUBLIC_KEY_FILE (not both): a JWK set file, keys chosen by `kid` (rotation). */
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  /** Required `iss` of bearer tokens. */
  AUTH_ISSUER: z.string().min(1).default('pgov-dev-idp'),
  /** Required `aud` of bearer tokens. */
  AUTH_AUDIENCE: z.string().min(1).default('pgov-api'),
  /** Serve GraphiQL at /graphiql (default: on, off in production). */
  GRAPHIQL_ENABLED: flag(),
  /** Allow `__schema` / `__type` (default: on, off in production). */
  INTROSPECTION_ENABLED: flag(),
  /** Deepest field nesting of an operation. */
  GRAPHQL_MAX_DEPTH: count(12),
  /** Aliases per operation. */
  GRAPHQL_MAX_ALIASES: count(30),
  /** Root fields per operation. */
  GRAPHQL_MAX_ROOT_FIELDS: count(15),
  /** Fields per operation, fragments expanded. */
  GRAPHQL_MAX_FIELDS: count(500),
  /** Operations per batched (array) request; 1 disables batching. */
  GRAPHQL_MAX_BATCH_SIZE: count(5),
  /** Request body limit (413 beyond). */
  GRAPHQL_MAX_BODY_BYTES: count(100 * 1024),
  /** Deepest nesting through `__schema` / `__type`. */
  GRAPHQL_MAX_INTROSPECTION_DEPTH: count(15),
  /** Lexical tokens per document (parsing stops beyond). */
  GRAPHQL_MAX_TOKENS: count(3_000),
  /** Static cost per operation (limits/operation-cost.ts). */
  GRAPHQL_MAX_COST: count(20_000),
  /** Size assumed for a list field without `first`/`last` (cost). */
  GRAPHQL_DEFAULT_LIST_SIZE: count(20),
  /** `off`, `log` (run and log operations not in the manifest) or `enforce` (refuse them). */
  TRUSTED_DOCUMENTS: z.enum(['off', 'log', 'enforce'], { message: 'must be off, log or enforce' }).default('off'),
  /** Apollo persisted-query manifest (JSON); required unless TRUSTED_DOCUMENTS is `off`. */
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  /** Comma-separated browser origins allowed cross-origin on /graphql (unset: none in production, any localhost port otherwise). */
  CORS_ALLOWED_ORIGINS: z.string().optional(),
  /** Deadline of one subgraph call. */
  SUBGRAPH_TIMEOUT_MS: count(30_000),
  /** Bytes of query answers kept for reuse as long as the subgraphs allow (Cache-Control max-age); 0 turns the response cache off. */
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).default(32 * 1024 * 1024),
  /** Deadline of one subgraph's probe in /readyz. */
  READINESS_PROBE_TIMEOUT_MS: count(2_000),
  /** How long in-flight requests may finish on shutdown. */
  SHUTDOWN_GRACE_MS: count(10_000),
  // Live updates (subscriptions): fed by the services' Kafka topics.
  /** `host:port[,...]` of the cluster whose topics feed live updates; setting it turns subscriptions on. */
  KAFKA_BROKERS: kafkaBrokers().optional(),
  /** Kafka client id. */
  KAFKA_CLIENT_ID: z.string().min(1).default('gateway'),
  /** Prefix of the topics read and of the consumer group (as the services'). */
  KAFKA_NAMESPACE: z.string().regex(/^[a-zA-Z0-9._-]*$/, 'may contain only a-z, A-Z, 0-9, ".", "_" and "-"').default(''),
  // The gateway's own principal (SASL) and the broker's CA (TLS); unset: plaintext.
  ...kafkaSecurityEnv,
  /** After events that arrived back to back, ms the live feed waits before its next fetch, so the next ones come together (one fetch); 0: none. */
  KAFKA_FETCH_LINGER_MS: kafkaFetchLingerMs(),
  /** `false` turns subscriptions off; `true` without KAFKA_BROKERS is a configuration error (default: on when KAFKA_BROKERS is set). */
  SUBSCRIPTIONS_ENABLED: flag(),
  /** Operations at once on one WebSocket. */
  SUBSCRIPTIONS_MAX_PER_CONNECTION: count(20),
  /** WebSockets and HTTP subscription streams per user (token subject), per instance. */
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: count(10),
  /** Comma-separated origins allowed to open a WebSocket; `*`: any (default: the CORS origins). */
  SUBSCRIPTIONS_ALLOWED_ORIGINS: z.string().optional(),
  /** WebSocket keep-alive ping and multipart heartbeat interval. */
  SUBSCRIPTIONS_HEARTBEAT_MS: count(5_000),
};

export type SubgraphName = keyof typeof SUBGRAPH_URL_ENV;

/** Live updates over WebSocket (graphql-ws) and HTTP (multipart, SSE); null in GatewayConfig when off. */
export interface SubscriptionsConfig {
  kafka: { brokers: string[]; clientId: string; namespace: string; security?: KafkaClientSecurity; fetchLingerMs: number };
  /** Operations one WebSocket may run at once. */
  maxPerConnection: number;
  /** WebSockets and HTTP subscription streams one user (token subject) may hold open at once. */
  maxConnectionsPerUser: number;
  /** Browser origins a WebSocket may be opened from (requests without Origin, i.e. not browsers, always may). */
  allowedOrigins: OriginPolicy;
  /** Interval of keep-alive pings (WebSocket) and heartbeats (multipart). */
  heartbeatMs: number;
}

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  supergraphFile: string;
  /** Routing URL per subgraph name; overrides the URL composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  auth: { publicKeyFile: string } | { jwksFile: string };
  authIssuer: string;
  authAudience: string;
  graphiql: boolean;
  introspection: boolean;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxRootFields: number;
    maxFields: number;
    maxBatchSize: number;
    maxBodyBytes: number;
    /** Deepest nesting through __schema/__type (the standard introspection query: 15). */
    maxIntrospectionDepth: number;
    /** Lexical tokens in one document, enforced while parsing (graphql-js maxTokens). */
    maxTokens: number;
    /** Static cost of one operation (see limits/operation-cost.ts). */
    maxCost: number;
    /** Size assumed for a list field without first/last (cost). */
    defaultListSize: number;
  };
  /** Trusted documents: off, log (execute unknown ones and log them: rollout) or enforce. */
  trustedDocuments: { mode: 'off' } | { mode: 'log' | 'enforce'; file: string };
  /** Browser origins answered with CORS headers on /graphql. */
  corsOrigins: OriginPolicy;
  subgraphTimeoutMs: number;
  /** Size bound of the response cache in bytes; 0: off. */
  responseCacheMaxBytes: number;
  readinessProbeTimeoutMs: number;
  shutdownGraceMs: number;
  subscriptions: SubscriptionsConfig | null;
  /** OpenTelemetry: spans are exported only when otlpEndpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: { serviceName: string; otlpEndpoint?: string };
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const e = loadConfig('gateway', gatewayEnv, env);
  const production = e.NODE_ENV === 'production';

  const problems: string[] = [];
  if (e.AUTH_PUBLIC_KEY_FILE && e.AUTH_JWKS_FILE) problems.push('set AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_FILE, not both');
  if (production && !e.AUTH_PUBLIC_KEY_FILE && !e.AUTH_JWKS_FILE) {
    problems.push('AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_FILE is required in production');
  }
  // On where a broker is configured, unless switched off.
  const subscriptions = e.SUBSCRIPTIONS_ENABLED ?? e.KAFKA_BROKERS !== undefined;
  if (subscriptions && !e.KAFKA_BROKERS) problems.push('SUBSCRIPTIONS_ENABLED=true needs KAFKA_BROKERS');
  if (e.TRUSTED_DOCUMENTS !== 'off' && !e.TRUSTED_DOCUMENTS_FILE) problems.push(`TRUSTED_DOCUMENTS=${e.TRUSTED_DOCUMENTS} needs TRUSTED_DOCUMENTS_FILE`);
  // Unset: no cross-origin browser in production, any localhost port in development.
  const corsOrigins: OriginPolicy = e.CORS_ALLOWED_ORIGINS === undefined
    ? { origins: [], localhost: !production }
    : { origins: parseOrigins('CORS_ALLOWED_ORIGINS', e.CORS_ALLOWED_ORIGINS, problems), localhost: false };
  // Unset: the same origins as CORS. `*`: any (the token in the connection payload, not a cookie, authenticates).
  const wsOrigins: OriginPolicy = e.SUBSCRIPTIONS_ALLOWED_ORIGINS === undefined
    ? corsOrigins
    : e.SUBSCRIPTIONS_ALLOWED_ORIGINS.trim() === '*'
      ? { origins: [], localhost: false, any: true }
      : { origins: parseOrigins('SUBSCRIPTIONS_ALLOWED_ORIGINS', e.SUBSCRIPTIONS_ALLOWED_ORIGINS, problems), localhost: false };
  let kafkaSecurity: KafkaClientSecurity = {};
  try {
    kafkaSecurity = kafkaClientSecurity(e);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new ConfigError('gateway', problems);

  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    port: e.PORT,
    supergraphFile: e.SUPERGRAPH_FILE,
    subgraphUrls: {
      grids: e.GRIDS_URL,
      clues: e.CLUES_URL,
      petitions: e.PETITIONS_URL,
      indicators: e.INDICATORS_URL,
    },
    auth: e.AUTH_JWKS_FILE
      ? { jwksFile: e.AUTH_JWKS_FILE }
      : { publicKeyFile: e.AUTH_PUBLIC_KEY_FILE ?? DEV_PUBLIC_KEY_FILE },
    authIssuer: e.AUTH_ISSUER,
    authAudience: e.AUTH_AUDIENCE,
    graphiql: e.GRAPHIQL_ENABLED ?? !production,
    introspection: e.INTROSPECTION_ENABLED ?? !production,
    limits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxRootFields: e.GRAPHQL_MAX_ROOT_FIELDS,
      maxFields: e.GRAPHQL_MAX_FIELDS,
      maxBatchSize: e.GRAPHQL_MAX_BATCH_SIZE,
      maxBodyBytes: e.GRAPHQL_MAX_BODY_BYTES,
      maxIntrospectionDepth: e.GRAPHQL_MAX_INTROSPECTION_DEPTH,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      defaultListSize: e.GRAPHQL_DEFAULT_LIST_SIZE,
    },
    trustedDocuments:
      e.TRUSTED_DOCUMENTS === 'off' || !e.TRUSTED_DOCUMENTS_FILE ? { mode: 'off' } : { mode: e.TRUSTED_DOCUMENTS, file: e.TRUSTED_DOCUMENTS_FILE },
    corsOrigins,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    responseCacheMaxBytes: e.RESPONSE_CACHE_MAX_BYTES,
    readinessProbeTimeoutMs: e.READINESS_PROBE_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    subscriptions:
      subscriptions && e.KAFKA_BROKERS
        ? {
            kafka: { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, namespace: e.KAFKA_NAMESPACE, fetchLingerMs: e.KAFKA_FETCH_LINGER_MS, ...(Object.keys(kafkaSecurity).length > 0 ? { security: kafkaSecurity } : {}) },
            maxPerConnection: e.SUBSCRIPTIONS_MAX_PER_CONNECTION,
            maxConnectionsPerUser: e.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER,
            allowedOrigins: wsOrigins,
            heartbeatMs: e.SUBSCRIPTIONS_HEARTBEAT_MS,
          }
        : null,
    tracing: { serviceName: e.OTEL_SERVICE_NAME ?? 'gateway', ...(e.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT } : {}) },
  };
}
