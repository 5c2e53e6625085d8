import { Partitioners, type Message, type Producer } from 'kafkajs';
import { type RawSql, type RawSqlDatabase } from './db';
import { HEADERS } from './headers';
import { kafkajsOf, physicalTopic, type KafkaConnection } from './kafka';
import { wakeablePause } from './wakeable-pause';
import { errorFields, type MessagingLogger } from './logger';
import { createOutboxListener, type OutboxListener } from './outbox-listener';

export interface OutboxRelayOptions {
  db: RawSqlDatabase;
  kafka: KafkaConnection;
  logger: MessagingLogger;
  /** Wait between polls when the outbox is empty (ms). */
  pollIntervalMs: number;
  /** Rows claimed and sent per transaction. */
  batchSize: number;
  /** Longest back-off after repeated failures (ms, default 30 s). */
  maxBackoffMs?: number;
  /** Interactive-transaction timeout around claim → send → mark (ms, default 60 s). */
  transactionTimeoutMs?: number;
  /**
   * Not ready once publishing has been failing, or one send has been waiting for the broker, for
   * this long (ms, default 3 s): a lost broker shows within seconds, a failure that is over sooner
   * (a leader moving) not at all. A send to a reachable broker takes milliseconds.
   */
  unreachableAfterMs?: number;
  /** How long stop() keeps flushing before it gives up (ms, default 10 s). */
  stopFlushTimeoutMs?: number;
  /**
   * The database to LISTEN on for the outbox trigger's notifications (sql/messaging-tables.sql), and
   * the schema of the outbox (default: the URL's ?schema= or public): a committed outbox row is
   * published at once instead of at the next poll. Without it, polling only.
   */
  listen?: { connectionString: string; schema?: string };
  /**
   * After a notification, how long the relay waits before claiming (ms, default 0): the commits of
   * those few milliseconds go out in the same claim → send → mark transaction and Kafka request,
   * instead of one each. Adds at most this much to an event's latency; polls never wait.
   */
  lingerMs?: number;
}

export interface OutboxRelay {
  /** Connects the producer and starts polling. */
  start(): Promise<void>;
  /** Stops polling, publishes what is pending (bounded), disconnects. */
  stop(): Promise<void>;
  /** Publishes everything pending now; resolves with the number of rows published. */
  flush(options?: { timeoutMs?: number }): Promise<number>;
  /** True while running with a connected producer, publishing (or idle) without failing for unreachableAfterMs. */
  readiness(): boolean;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  /** The envelope as JSON text, sent as it is (no parse and stringify per message). */
  envelope: string;
  schemaVersion: string | null;
  traceparent: string | null;
}

type BatchResult = { locked: false } | { locked: true; published: number };

// One relay per database schema publishes at a time (transaction-scoped advisory lock), so rows
// of one aggregate reach Kafka in seq order even with several replicas running. The lock and the
// claim in one statement: one row with locked false (another relay publishes), or with id null
// (nothing to publish), or the rows claimed.
const CLAIM = `SELECT l.locked, o.id, o.topic, o.key, o.type, o.envelope, o."schemaVersion", o.traceparent
  FROM (SELECT pg_try_advisory_xact_lock(hashtext('pgov.outbox-relay:' || current_schema())) AS locked) l
  LEFT JOIN LATERAL (
    SELECT seq, id::text AS id, topic, key, type, envelope::text AS envelope,
           envelope->>'schemaVersion' AS "schemaVersion", envelope->>'traceparent' AS traceparent
    FROM outbox_event WHERE l.locked AND published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
  ) o ON true
  ORDER BY o.seq`;
const MARK = `UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toMessage(row: OutboxRow): Message {
  const headers: Record<string, string> = {
    [HEADERS.eventType]: row.type,
    [HEADERS.eventId]: row.id,
    [HEADERS.schemaVersion]: row.schemaVersion ?? '',
    [HEADERS.contentType]: 'application/json',
  };
  if (row.traceparent) headers[HEADERS.traceparent] = row.traceparent;
  return { key: row.key, value: row.envelope, headers };
}

/**
 * Publishes the transactional outbox (rows hold logical topics; each is sent to the connection's
 * namespace + topic): claims unpublished rows in seq order (FOR UPDATE SKIP LOCKED),
 * sends them keyed by aggregate id, marks them published, in one transaction. A failure rolls the
 * claim back, is logged and retried with back-off; a row is never dropped. Delivery is at least
 * once (a crash between send and commit re-sends), which consumers absorb by event id.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, logger, pollIntervalMs, batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive integer');
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const transactionTimeoutMs = options.transactionTimeoutMs ?? 60_000;
  const { namespace } = options.kafka;
  const log = { component: 'outbox-relay', ...(namespace === '' ? {} : { namespace }) };

  let producer: Producer | undefined;
  let connecting: Promise<Producer> | undefined;
  let producerConnected = false;
  let running = false;
  let loop: Promise<void> | undefined;
  const sleeper = wakeablePause();
  // A notification that came while a batch was being published: look again before pausing.
  let notified = false;
  let failures = 0;
  const unreachableAfterMs = options.unreachableAfterMs ?? 3_000;
  // Since when publishing has been failing (cleared by a success), and since when a send has been waiting.
  let failingSince: number | undefined;
  let sendingSince: number | undefined;
  const stalled = (since: number | undefined) => since !== undefined && Date.now() - since >= unreachableAfterMs;
  const listener: OutboxListener | undefined = options.listen
    ? createOutboxListener({
        ...options.listen,
        logger,
        onNotify: () => {
          notified = true;
          sleeper.wake();
        },
      })
    : undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function connectProducer(): Promise<Producer> {
    connecting ??= (async () => {
      const created = kafkajsOf(options.kafka).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
        maxInFlightRequests: 1,
        // Short client-level retries: the relay retries whole batches itself, with back-off.
        retry: { initialRetryTime: 100, retries: 3 },
      });
      created.on(created.events.CONNECT, () => (producerConnected = true));
      created.on(created.events.DISCONNECT, () => (producerConnected = false));
      try {
        await created.connect();
      } catch (error) {
        connecting = undefined;
        throw error;
      }
      producer = created;
      return created;
    })();
    return connecting;
  }

  /** One claim → send → mark transaction; calls are serialized within this process. */
  function publishBatch(): Promise<BatchResult> {
    const run = async (): Promise<BatchResult> => {
      const kafka = await connectProducer();
      return db.$transaction(
        async (tx: RawSql): Promise<BatchResult> => {
          const claimed = (await tx.$queryRawUnsafe(CLAIM, batchSize)) as (OutboxRow & { locked: boolean })[];
          if (!claimed[0]?.locked) return { locked: false };
          const rows = claimed.filter((row) => row.id !== null);
          if (rows.length === 0) return { locked: true, published: 0 };
          const byTopic = new Map<string, Message[]>();
          for (const row of rows) {
            const messages = byTopic.get(row.topic);
            if (messages) messages.push(toMessage(row));
            else byTopic.set(row.topic, [toMessage(row)]);
          }
          sendingSince = Date.now();
          try {
            await kafka.sendBatch({
              acks: -1,
              topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: physicalTopic(options.kafka, topic), messages })),
            });
          } finally {
            sendingSince = undefined;
          }
          await tx.$executeRawUnsafe(MARK, rows.map((row) => row.id));
          logger.debug({ ...log, count: rows.length }, 'published outbox events');
          return { locked: true, published: rows.length };
        },
        { timeout: transactionTimeoutMs, maxWait: 10_000 },
      );
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  const backoff = () => Math.min(maxBackoffMs, Math.max(pollIntervalMs, 100) * 2 ** Math.min(failures, 10));



  const lingerMs = options.lingerMs ?? 0;
  async function runLoop(): Promise<void> {
    // Set when the next claim follows a notification or a claim that found rows: let the commits
    // right behind it join.
    let gather = false;
    // Once a claim finds rows the relay holds "awake" (outbox-listener.ts): writers stop notifying
    // and it claims again after each linger. `owed`: writers may have left out their notification
    // because of it. When a claim finds nothing it lets go, and sleeps only once no writer that saw
    // it awake is still in flight and one more claim found nothing; while some are, it looks again
    // after a wait that doubles up to the poll interval (a long transaction). A poll or a
    // notification that finds nothing costs one claim, as without it.
    let owed = false;
    let inFlightWaits = 0;
    while (running) {
      if (gather) {
        const wait = inFlightWaits > 0 ? Math.min(pollIntervalMs, Math.max(lingerMs, 1) * 2 ** inFlightWaits) : lingerMs;
        if (wait > 0) await sleep(wait);
      }
      gather = false;
      let delay = pollIntervalMs;
      notified = false;
      try {
        const result = await publishBatch();
        if (failures > 0) logger.info({ ...log, failures }, 'outbox relay recovered');
        failures = 0;
        failingSince = undefined;
        if (result.locked && result.published > 0) {
          if (listener && (await listener.holdAwake())) owed = true;
          inFlightWaits = 0;
          gather = result.published < batchSize;
          continue;
        }
        if (owed && listener) {
          await listener.releaseAwake();
          if (await listener.writersQuiet()) {
            owed = false;
            inFlightWaits = 0;
          } else {
            inFlightWaits += 1;
            gather = true;
          }
          continue;
        }
      } catch (error) {
        failures += 1;
        failingSince ??= Date.now();
        delay = backoff();
        inFlightWaits = 0;
        logger.error({ ...log, ...errorFields(error), failures, retryInMs: delay }, 'outbox relay failed; will retry');
        // Writers notify again while this relay backs off (another replica may publish meanwhile).
        await listener?.releaseAwake().catch(() => undefined);
      }
      if (running && !(notified && failures === 0)) await sleeper.pause(delay);
      gather = notified && failures === 0;
    }
  }

  async function flush(flushOptions: { timeoutMs?: number } = {}): Promise<number> {
    const deadline = Date.now() + (flushOptions.timeoutMs ?? 30_000);
    let published = 0;
    let attempt = 0;
    for (;;) {
      try {
        const result = await publishBatch();
        if (result.locked) {
          published += result.published;
          if (result.published === 0) return published;
          continue;
        }
      } catch (error) {
        attempt += 1;
        logger.warn({ ...log, ...errorFields(error), attempt }, 'outbox flush failed; retrying');
        if (Date.now() >= deadline) throw error;
      }
      if (Date.now() >= deadline) throw new Error('outbox flush timed out with events still pending');
      await sleep(Math.min(50 * 2 ** attempt, 1_000));
    }
  }

  return {
    async start() {
      if (running) return;
      await connectProducer();
      running = true;
      failures = 0;
      failingSince = undefined;
      await listener?.start();
      loop = runLoop();
      logger.info({ ...log, pollIntervalMs, batchSize }, 'outbox relay started');
    },
    async stop() {
      const wasRunning = running;
      running = false;
      await listener?.stop();
      sleeper.wake();
      await loop;
      loop = undefined;
      if (wasRunning) {
        try {
          await flush({ timeoutMs: options.stopFlushTimeoutMs ?? 10_000 });
        } catch (error) {
          logger.error({ ...log, ...errorFields(error) }, 'outbox not fully flushed at stop; the next relay will publish it');
        }
      }
      await queue;
      const current = producer;
      producer = undefined;
      connecting = undefined;
      await current?.disconnect();
      if (wasRunning) logger.info(log, 'outbox relay stopped');
    },
    flush,
    readiness() {
      return running && producerConnected && failures < 3 && !stalled(failingSince) && !stalled(sendingSince);
    },
  };
}
