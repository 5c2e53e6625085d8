import { readEnvelope, type AnyEventDefinition, type EventEnvelope } from '@pgov/contracts';
import type { Consumer } from 'kafkajs';
import { fetchLinger } from './fetch-linger';
import { kafkajsOf, physicalGroupId, physicalTopic, stripNamespace, type KafkaConnection } from './kafka';
import { errorFields, errorMessage, type MessagingLogger } from './logger';

export interface LiveConsumerOptions {
  kafka: KafkaConnection;
  /**
   * A group id of this process alone (without the namespace), so that every instance sees every
   * event; the group is deleted at stop().
   */
  groupId: string;
  /** The events to pass on; their topics are subscribed. Other valid events on them are skipped. */
  events: readonly AnyEventDefinition[];
  /** Called with each valid event, in partition order; not awaited for long (keep it quick). */
  onEvent(envelope: EventEnvelope, definition: AnyEventDefinition): void | Promise<void>;
  logger: MessagingLogger;
  /** Longest a fetch waits for new records (ms, default 1000); stop() may wait this long. */
  maxWaitTimeMs?: number;
  /** Least span of one fetch while events arrive back to back (ms, default 0; fetch-linger.ts). */
  fetchLingerMs?: number;
}

export interface LiveConsumer {
  start(): Promise<void>;
  /** Leaves and deletes the group (best effort). Idempotent. */
  stop(): Promise<void>;
  /** True once it has joined its group and fetched once (its start offsets are fixed): events published from then on arrive. */
  readiness(): boolean;
}

/**
 * Reads events as they are published, for notifications that live only in memory (no database, no
 * processed-event record, no dead letters: an event it cannot read is logged and skipped — the
 * owning consumers dead-letter it). A new group starts at the end of each topic; nothing is replayed.
 */
export function createLiveConsumer(options: LiveConsumerOptions): LiveConsumer {
  const { logger } = options;
  const groupId = physicalGroupId(options.kafka, options.groupId);
  const topics = [...new Set(options.events.map((d) => physicalTopic(options.kafka, d.topic)))].sort();
  if (topics.length === 0) throw new Error('createLiveConsumer needs at least one event');
  const log = { component: 'live-consumer', groupId };
  let consumer: Consumer | undefined;
  let joined = false;
  let fetched = false;

  const definitionFor = (type: unknown, version: unknown) => options.events.find((d) => d.type === type && d.version === version);

  async function handle(topic: string, value: Buffer | null, offset: string, partition: number): Promise<void> {
    const where = { ...log, topic, partition, offset };
    let parsed: unknown;
    try {
      parsed = JSON.parse(value?.toString() ?? '');
    } catch (error) {
      logger.warn({ ...where, reason: errorMessage(error) }, 'live event is not JSON; skipped');
      return;
    }
    const { type, schemaVersion } = (parsed ?? {}) as { type?: unknown; schemaVersion?: unknown };
    const definition = definitionFor(type, schemaVersion);
    if (!definition || stripNamespace(options.kafka.namespace, topic) !== definition.topic) return;
    const read = readEnvelope(definition, parsed);
    if (!read.ok) {
      logger.warn({ ...where, type, reason: read.errors.join('; ') }, 'live event breaks its contract; skipped');
      return;
    }
    try {
      await options.onEvent(read.envelope as EventEnvelope, definition);
    } catch (error) {
      logger.error({ ...where, type, ...errorFields(error) }, 'live event handler failed; skipped');
    }
  }

  return {
    async start() {
      if (consumer) return;
      const created = kafkajsOf(options.kafka).consumer({
        groupId,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: options.maxWaitTimeMs ?? 1_000,
      });
      const linger = fetchLinger(created, options.fetchLingerMs ?? 0);
      created.on(created.events.GROUP_JOIN, () => {
        joined = true;
        fetched = false;
      });
      // The first fetch after a join has resolved where each partition starts.
      created.on(created.events.FETCH, () => (fetched = joined));
      created.on(created.events.CRASH, (event) => {
        joined = false;
        logger.error({ ...log, ...errorFields(event.payload.error), restart: event.payload.restart }, 'live consumer crashed');
      });
      created.on(created.events.STOP, () => (joined = false));
      consumer = created;
      try {
        await created.connect();
        await created.subscribe({ topics, fromBeginning: false });
        await created.run({
          // Nothing to resume: the group is this process's alone and is deleted at stop (and a
          // commit per fetch costs a request and a write to __consumer_offsets).
          autoCommit: false,
          eachBatch: async ({ batch, isRunning, isStale }) => {
            for (const message of batch.messages) {
              if (!isRunning() || isStale()) return;
              await handle(batch.topic, message.value, message.offset, batch.partition);
            }
            await linger();
          },
        });
      } catch (error) {
        consumer = undefined;
        await created.disconnect().catch(() => undefined);
        throw error;
      }
      logger.info({ ...log, topics }, 'live consumer started');
    },
    async stop() {
      const c = consumer;
      consumer = undefined;
      joined = false;
      fetched = false;
      if (!c) return;
      await c.disconnect();
      const admin = kafkajsOf(options.kafka).admin();
      try {
        await admin.connect();
        await admin.deleteGroups([groupId]);
      } catch (error) {
        logger.warn({ ...log, ...errorFields(error) }, 'could not delete the live consumer group');
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      logger.info(log, 'live consumer stopped');
    },
    readiness() {
      return joined && fetched;
    },
  };
}
