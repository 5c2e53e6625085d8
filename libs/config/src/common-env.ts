import { z } from 'zod';
import { kafkaSecurityEnv } from './kafka-security';

/** A TCP port; 0 asks the OS for a free one (tests). */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const databaseUrl = () =>
  z
    .string()
    .url()
    .refine((v) => v.startsWith('postgresql://') || v.startsWith('postgres://'), 'must be a postgresql:// URL');

/** Comma-separated host:port list, e.g. "127.0.0.1:9092,10.0.0.2:9092". */
export const kafkaBrokers = () =>
  z
    .string()
    .min(1)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d+$/.test(b)), 'must be host:port[,host:port...]');

/**
 * KAFKA_FETCH_LINGER_MS: a consumer fed event by event waits this long (less its work) before its
 * next fetch, so the events of those milliseconds come together (one fetch, one transaction); a
 * fetch that waited at the broker is not followed by any wait. Adds at most this much to an
 * event's latency; 0: none. 250 ms: under a steady stream each consumer costs the machine a few
 * fetches a second instead of fifty (tools/bench/submit.ts, 2 cores: ~390 clues/s at 20 ms, ~460
 * at 100, ~520 at 250), and the events benchmark's p99 lag at 1,000 events/s stays ~280 ms.
 */
export const kafkaFetchLingerMs = () => z.coerce.number().int().min(0).max(1000).default(250);

export const commonEnv = {
  /** `production` turns off what is for development only (e.g. the gateway's GraphiQL and introspection, CLOCK_START). */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** pino level; logs are JSON lines on stdout, personal fields redacted. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // OpenTelemetry (standard names): spans are exported over OTLP/HTTP to <endpoint>/v1/traces only
  // when this is set; unset, no span leaves the process.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL').optional(),
  // The service name on exported spans; default: the program's name (gateway, clues, ...).
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

/**
 * What every domain service reads: where it listens, its database, the Kafka cluster, and how it
 * verifies callers' tokens. Services spread this into their own shape and add their rules' settings.
 */
export const serviceEnv = (service: string, defaultPort: number) => ({
  ...commonEnv,
  /** HTTP port (0: any free port). */
  PORT: port(defaultPort),
  /** Listen address (`0.0.0.0` in a container: the image sets it). */
  HOST: z.string().default('127.0.0.1'),
  /** The service's own PostgreSQL database (postgresql://user:password@host:port/database). */
  DATABASE_URL: databaseUrl(),
  /** Bootstrap brokers, `host:port[,host:port...]`. */
  KAFKA_BROKERS: kafkaBrokers(),
  /** Kafka client id (default: the service name). */
  KAFKA_CLIENT_ID: z.string().default(service),
  // Prefix of every Kafka topic and consumer group this service uses (e.g. "staging." or "t3f9a01bc."),
  // so several environments can share one cluster unseen by each other; '' = none (the default).
  // Topic characters only; @pgov/messaging's createKafka checks it as well.
  KAFKA_NAMESPACE: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'may contain only a-z, A-Z, 0-9, ".", "_" and "-"')
    .default(''),
  // The service's own principal (SASL) and the broker's CA (TLS); unset: plaintext (./kafka-security).
  ...kafkaSecurityEnv,
  /** After a batch of events that arrived back to back, ms the consumer waits before its next fetch, so the next ones come together (one fetch, one transaction); 0: none. */
  KAFKA_FETCH_LINGER_MS: kafkaFetchLingerMs(),
  /** PEM public key (SPKI, EC P-256 or RSA) that verifies bearer tokens. */
  AUTH_PUBLIC_KEY_FILE: z.string().min(1, 'path of the PEM public key that verifies bearer tokens'),
  /** Required `iss` of bearer tokens. */
  AUTH_ISSUER: z.string().default('pgov-dev-idp'),
  /** Required `aud` of bearer tokens. */
  AUTH_AUDIENCE: z.string().default('pgov-api'),
  /** Outbox relay poll interval (ms): the fallback, a committed outbox row wakes the relay through LISTEN/NOTIFY. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  /**
   * The relay LISTENs for the outbox trigger's notifications (publishes on commit, the poll is the
   * fallback). false: poll only, e.g. behind a connection pooler in transaction mode, where LISTEN
   * does not work.
   */
  OUTBOX_LISTEN: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** After a notification, and between claims while rows keep coming, ms the relay waits so that the commits right behind are published together (one transaction, one Kafka request); 0: none. */
  OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(20),
  /** Published outbox rows are kept this long (hours), then pruned. */
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
  /**
   * Processed-event records (the consumers' de-duplication) are kept this long (days). Longer than
   * any redelivery can come late: an operator rewinding a consumer group further back would see
   * older events applied again.
   */
  PROCESSED_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** How often the service prunes them (ms). */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /**
   * Development and tests only (refused in production by configuredClock): the service's clock
   * starts at this instant (ISO 8601) and runs on, so deadlines and sweeps show without waiting months.
   */
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
});
