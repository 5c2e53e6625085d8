import { createTokenVerifier, identityFromAuthorizationHeader, SHARED_CACHE_CLAIMS, type Identity } from '@pgov/auth';
import { kafkaClientSecurity, type KafkaSecuritySettings } from '@pgov/config';
import type { AnyEventDefinition } from '@pgov/contracts';
import {
  createEventConsumer,
  createKafka,
  createOutboxRelay,
  ensureTopics,
  pruneMessagingTables,
  type EventHandler,
  type RawSql,
  type RawSqlDatabase,
  type TransactionHooks,
} from '@pgov/messaging';
import type { Logger } from 'pino';
import { createServiceMetrics } from '@pgov/metrics';
import { intervalWorker } from './interval-worker';
import { kafkaStartup } from './kafka-startup';
import type { ShutdownStep } from './shutdown';
import { createSubgraphServer, type ReadinessCheck } from './subgraph-server';
import { loadTypeDefs } from './type-defs';

/** The settings every domain service has (see serviceEnv in @pgov/config); Kafka security when configured. */
export interface DomainServiceConfig extends Partial<KafkaSecuritySettings> {
  HOST: string;
  PORT: number;
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID: string;
  /** Prefix of the service's Kafka topics and consumer group; '' for none. */
  KAFKA_NAMESPACE: string;
  AUTH_PUBLIC_KEY_FILE: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  OUTBOX_POLL_MS: number;
  OUTBOX_LISTEN: boolean;
  OUTBOX_LINGER_MS: number;
  KAFKA_FETCH_LINGER_MS: number;
  OUTBOX_RETENTION_HOURS: number;
  PROCESSED_EVENT_RETENTION_DAYS: number;
  RETENTION_INTERVAL_MS: number;
  /** The service's database: the relay LISTENs on it to publish outbox rows as soon as they commit. */
  DATABASE_URL: string;
}

export interface DomainServiceOptions<TTx extends RawSql, Ctx> {
  name: string;
  config: DomainServiceConfig;
  logger: Logger;
  db: RawSqlDatabase<TTx> & { $disconnect(): Promise<void> };
  schemaFile: string;
  resolvers: Record<string, object>;
  context: (identity: Identity, requestId: string) => Ctx;
  /** Events this service publishes through its outbox (their topics are ensured at start). */
  publishes: readonly AnyEventDefinition[];
  /** Handlers of the events it consumes, in one consumer group named after the service. */
  handlers: readonly EventHandler<AnyEventDefinition, TTx>[];
  /** Called in each of the consumer's transactions (see @pgov/messaging TransactionHooks). */
  transactionHooks?: TransactionHooks<TTx>;
  /** Partitions its consumer applies at once (default 1; only for handlers that need no order across keys). */
  partitionsConsumedConcurrently?: number;
  /** Background jobs (e.g. a scheduled sweep): started after the consumer, stopped before the relay flushes. */
  workers?: readonly ServiceWorker[];
}

/** A background job of a service; its writes go through the outbox like any other. */
export interface ServiceWorker {
  name: string;
  start(): Promise<void>;
  /** Stops scheduling and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Longest pause between the relay's attempts while Kafka is unreachable (the library's default is
 * 30 s): after an outage of minutes the backlog would wait up to that long once the broker is back.
 */
const RELAY_MAX_BACKOFF_MS = 5_000;

/**
 * Wires one domain service: its subgraph (tokens verified here too, never trusted from the
 * network), its outbox relay, its consumer, readiness over all three, and the graceful-shutdown
 * order. Each app's service.ts supplies only what is its own.
 */
export function createDomainService<TTx extends RawSql, Ctx extends object>(options: DomainServiceOptions<TTx, Ctx>) {
  const { config, logger, db } = options;
  const verifier = createTokenVerifier({ publicKeyFile: config.AUTH_PUBLIC_KEY_FILE, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
  const kafka = createKafka({ clientId: config.KAFKA_CLIENT_ID, brokers: config.KAFKA_BROKERS, namespace: config.KAFKA_NAMESPACE, logger, ...kafkaClientSecurity(config) });
  const metrics = createServiceMetrics(options.name, { db, outbox: options.publishes.length > 0 });
  const relay = options.publishes.length > 0 ? createOutboxRelay({ db, kafka, logger, pollIntervalMs: config.OUTBOX_POLL_MS, batchSize: 100, maxBackoffMs: RELAY_MAX_BACKOFF_MS, lingerMs: config.OUTBOX_LINGER_MS, ...(config.OUTBOX_LISTEN ? { listen: { connectionString: config.DATABASE_URL } } : {}) }) : null;
  const consumer =
    options.handlers.length > 0
      ? createEventConsumer({ kafka, groupId: options.name, db, logger, fromBeginning: true, handlers: options.handlers, ...(options.transactionHooks ? { transactionHooks: options.transactionHooks } : {}), partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1, fetchLingerMs: config.KAFKA_FETCH_LINGER_MS, onLag: metrics.onLag, onDeadLetter: metrics.onDeadLetter })
      : null;

  const readiness: ReadinessCheck[] = [['database', async () => db.$queryRawUnsafe('SELECT 1')]];
  if (consumer) readiness.push(['kafka consumer', async () => ensure(consumer.readiness(), 'not in its consumer group, or the broker does not answer')]);
  if (relay) readiness.push(['outbox relay', async () => ensure(relay.readiness(), 'not publishing to Kafka')]);

  const server = createSubgraphServer<Identity, Ctx>({
    name: options.name,
    typeDefs: loadTypeDefs(options.schemaFile),
    resolvers: options.resolvers,
    host: config.HOST,
    port: config.PORT,
    logger,
    authenticate: (header) => identityFromAuthorizationHeader(verifier, header),
    context: ({ identity, requestId }) => options.context(identity, requestId),
    sharedClaims: SHARED_CACHE_CLAIMS,
    readiness,
    liveness: consumer ? [['kafka consumer', async () => ensure(consumer.alive(), 'stopped for good after a failure it could not recover from')]] : [],
    metrics,
  });

  // What the outbox and the processed-event log no longer need, pruned on a schedule (any replica may run it).
  const retention = intervalWorker(
    'messaging retention',
    config.RETENTION_INTERVAL_MS,
    async () => {
      const pruned = await pruneMessagingTables(db, { outboxMs: config.OUTBOX_RETENTION_HOURS * 3_600_000, processedMs: config.PROCESSED_EVENT_RETENTION_DAYS * 86_400_000 });
      if (pruned.outbox + pruned.processed > 0) logger.info({ component: 'retention', ...pruned }, 'pruned published outbox rows and processed-event records');
    },
    logger,
  );
  const workers = [...(options.workers ?? []), retention];
  const kafkaParts = kafkaStartup({
    logger,
    start: async () => {
      const topics = [...options.publishes, ...options.handlers.map((h) => h.event)];
      if (topics.length > 0) await ensureTopics(kafka, topics);
      await relay?.start();
      await consumer?.start();
    },
    // Whatever a failed attempt connected is let go before the next one.
    reset: async () => {
      await consumer?.stop();
      await relay?.stop();
    },
  });
  const shutdownSteps: ShutdownStep[] = [
    { name: 'http', run: () => server.stop() },
    { name: 'kafka start-up retries', run: () => kafkaParts.cancel() },
    ...(consumer ? [{ name: 'consumer', run: () => consumer.stop() }] : []),
    ...workers.map((w) => ({ name: w.name, run: () => w.stop() })),
    ...(relay ? [{ name: 'outbox relay (flushes what is pending)', run: () => relay.stop() }] : []),
    { name: 'database', run: () => db.$disconnect() },
  ];

  return {
    server,
    relay,
    consumer,
    metrics,
    shutdownSteps,
    /**
     * Ensures the topics it touches, starts relay and consumer, then takes requests. Resolves with the URL.
     * Kafka out of reach does not keep it from serving: writes commit to the outbox, /readyz names the
     * relay and consumer as not ready, and they are started in the background once the broker answers.
     */
    async start(): Promise<string> {
      await kafkaParts.firstAttempt();
      for (const worker of workers) await worker.start();
      return server.start();
    },
    /** Everything in shutdown order (tests use it; processes use installShutdown). */
    async stop(): Promise<void> {
      for (const step of shutdownSteps) await step.run();
    },
  };
}

function ensure(ok: boolean, why: string): void {
  if (!ok) throw new Error(why);
}
