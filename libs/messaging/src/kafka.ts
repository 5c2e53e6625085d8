import type { ConnectionOptions } from 'node:tls';
import type { AnyEventDefinition } from '@pgov/contracts';
import { Kafka, logLevel as KafkaJsLogLevel, type logCreator, type SASLOptions } from 'kafkajs';
import { silentLogger, type MessagingLogger } from './logger';

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
}

/**
 * A connection description for this library's relay, consumer and topic helpers. Deliberately
 * opaque: the Kafka client behind it (kafkajs today) is not part of the API.
 */
export interface KafkaConnection {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: MessagingLogger;
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
  const client = new Kafka({
    clientId: options.clientId,
    brokers,
    logLevel: LEVELS[options.logLevel ?? 'warn'],
    logCreator: logCreatorFor(logger),
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(options.sasl === undefined ? {} : { sasl: options.sasl as SASLOptions }),
  });
  const connection: KafkaConnection = Object.freeze({ clientId: options.clientId, brokers, logger });
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
 * Creates each definition's topic and its `.dlq` when missing (the broker does not auto-create).
 * Idempotent and safe to run from several services at once. Returns the topics it created.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  definitions: readonly AnyEventDefinition[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const wanted = [...new Set(definitions.flatMap((def) => [def.topic, def.dlqTopic]))].sort();
  const admin = kafkajsOf(connection).admin();
  await admin.connect();
  try {
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
    connection.logger.info({ topics: missing }, 'created Kafka topics');
    return missing;
  } finally {
    await admin.disconnect();
  }
}
