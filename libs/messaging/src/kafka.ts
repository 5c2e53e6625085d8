import type { ConnectionOptions } from 'node:tls';
import type { AnyEventDefinition } from '@pgov/contracts';
import { Kafka, logLevel as KafkaJsLogLevel, type logCreator, type SASLOptions } from 'kafkajs';
import { silentLogger, type MessagingLogger } from './logger';
import './kafkajs-idle-loop';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaOptions {
  clientId: string;
  /** `host:port` list, or a comma-separated string (the KAFKA_BROKERS format). */
  brokers: string[] | string;
  /** Client log level (default `warn`), written through `logger`. */
  logLevel?: KafkaLogLevel;
  logger?: MessagingLogger;
  /** For a managed cluster. */
  ssl?: boolean | ConnectionOptions;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /**
   * Prefix of every topic and consumer group this connection touches, so several environments can
   * share one cluster (e.g. `test-3f9a.` or `staging.`). Characters `[a-zA-Z0-9._-]`; empty or
   * undefined = none (the default). Contracts and the outbox keep logical topic names.
   */
  namespace?: string;
}

/**
 * A connection description for this library's relay, consumer and topic helpers. Deliberately
 * opaque: the Kafka client behind it (kafkajs today) is not part of the API.
 */
export interface KafkaConnection {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: MessagingLogger;
  /** Prefix of every physical topic name and consumer group id; '' when none. */
  readonly namespace: string;
}

/** Kafka's limit on a topic name's length. */
export const MAX_TOPIC_LENGTH = 249;
const TOPIC_CHARS = /^[a-zA-Z0-9._-]*$/;

/** Checks a namespace (topic characters, room left for a topic name) and returns it ('' for none). */
export function validateNamespace(namespace: string | undefined): string {
  const value = namespace ?? '';
  if (typeof value !== 'string' || !TOPIC_CHARS.test(value)) {
    throw new Error(`Kafka namespace ${JSON.stringify(value)} may contain only a-z, A-Z, 0-9, '.', '_' and '-'`);
  }
  if (value.length >= MAX_TOPIC_LENGTH) {
    throw new Error(`Kafka namespace is ${value.length} characters; topic names are limited to ${MAX_TOPIC_LENGTH}`);
  }
  return value;
}

/** The topic name on the cluster: the connection's namespace + `logicalTopic` (checked against Kafka's rules). */
export function physicalTopic(connection: Pick<KafkaConnection, 'namespace'>, logical: string): string {
  const physical = connection.namespace + logical;
  if (logical === '' || !TOPIC_CHARS.test(logical)) {
    throw new Error(`invalid Kafka topic name ${JSON.stringify(logical)}`);
  }
  if (physical.length > MAX_TOPIC_LENGTH) {
    throw new Error(`Kafka topic "${physical}" is ${physical.length} characters (limit ${MAX_TOPIC_LENGTH}); shorten the namespace`);
  }
  return physical;
}

/** @internal The logical topic of a physical name, or undefined when it is not in `namespace`. */
export function stripNamespace(namespace: string, physical: string): string | undefined {
  if (!physical.startsWith(namespace)) return undefined;
  const logical = physical.slice(namespace.length);
  return logical === '' ? undefined : logical;
}

/** The logical topic (as in the contracts) of a physical topic name; throws if it is outside the namespace. */
export function logicalTopic(connection: Pick<KafkaConnection, 'namespace'>, physical: string): string {
  const logical = stripNamespace(connection.namespace, physical);
  if (logical === undefined) {
    throw new Error(`Kafka topic "${physical}" is not in namespace "${connection.namespace}"`);
  }
  return logical;
}

/** The consumer group id on the cluster: the connection's namespace + `groupId`. */
export function physicalGroupId(connection: Pick<KafkaConnection, 'namespace'>, groupId: string): string {
  return connection.namespace + groupId;
}

const clients = new WeakMap<KafkaConnection, Kafka>();

const LEVELS: Record<KafkaLogLevel, KafkaJsLogLevel> = {
  nothing: KafkaJsLogLevel.NOTHING,
  error: KafkaJsLogLevel.ERROR,
  warn: KafkaJsLogLevel.WARN,
  info: KafkaJsLogLevel.INFO,
  debug: KafkaJsLogLevel.DEBUG,
};

function logCreatorFor(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { component: 'kafkajs', namespace, ...extra };
      if (level === KafkaJsLogLevel.ERROR) logger.error(fields, message);
      else if (level === KafkaJsLogLevel.WARN) logger.warn(fields, message);
      else if (level === KafkaJsLogLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}

export function parseBrokers(brokers: string[] | string): string[] {
  const list = (Array.isArray(brokers) ? brokers : brokers.split(','))
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (list.length === 0) throw new Error('no Kafka brokers given');
  return list;
}

export function createKafka(options: KafkaOptions): KafkaConnection {
  const brokers = parseBrokers(options.brokers);
  const logger = options.logger ?? silentLogger;
  const namespace = validateNamespace(options.namespace);
  const client = new Kafka({
    clientId: options.clientId,
    brokers,
    logLevel: LEVELS[options.logLevel ?? 'warn'],
    logCreator: logCreatorFor(logger),
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(options.sasl === undefined ? {} : { sasl: options.sasl as SASLOptions }),
  });
  const connection: KafkaConnection = Object.freeze({ clientId: options.clientId, brokers, logger, namespace });
  clients.set(connection, client);
  return connection;
}

/** @internal The kafkajs client behind a connection. */
export function kafkajsOf(connection: KafkaConnection): Kafka {
  const client = clients.get(connection);
  if (!client) throw new Error('not a KafkaConnection from createKafka()');
  return client;
}

export interface EnsureTopicsOptions {
  /** Partitions of each topic and its DLQ (default 3). Existing topics are left as they are. */
  partitions?: number;
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number;
}

/**
 * Creates each definition's topic and its `.dlq` when missing (the broker does not auto-create),
 * in the connection's namespace. Idempotent and safe to run from several services at once.
 * Returns the (physical) topics it created.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  definitions: readonly AnyEventDefinition[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const wanted = [...new Set(definitions.flatMap((def) => [def.topic, def.dlqTopic]))]
    .map((topic) => physicalTopic(connection, topic))
    .sort();
  const admin = kafkajsOf(connection).admin();
  await admin.connect();
  try {
    // Services start side by side and create topics at the same moment; metadata of a topic being
    // created elsewhere answers with retriable errors for a while. Retry those, bounded.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const missing = await createMissing(admin, wanted, options);
        await waitForLeaders(admin, wanted);
        if (missing.length > 0) connection.logger.info({ topics: missing }, 'created Kafka topics');
        return missing;
      } catch (error) {
        if (!isRetriable(error) || attempt >= 20) throw error;
        connection.logger.debug({ attempt, error: (error as Error).message }, 'topics not ready yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, 250 * Math.min(attempt, 4)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

type Admin = ReturnType<Kafka['admin']>;

async function createMissing(admin: Admin, wanted: string[], options: EnsureTopicsOptions): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 3,
        ...(options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor }),
      })),
    });
  } catch (error) {
    // Another process may have created some of them meanwhile: fine if they all exist now.
    const now = new Set(await admin.listTopics());
    if (!wanted.every((topic) => now.has(topic))) throw error;
  }
  return missing;
}

/** Resolves once every partition of the topics has a leader; throws a retriable error before. */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
  if (leaderless.length > 0) {
    throw Object.assign(new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`), { retriable: true });
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: boolean }).retriable === true;
}
