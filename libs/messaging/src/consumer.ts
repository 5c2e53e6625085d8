import {
  allEvents,
  readEnvelope,
  type AnyEventDefinition,
  type EnvelopeOf,
  type EventEnvelope,
} from '@pgov/contracts';
import { isTransientFailure } from '@pgov/errors';
import { Partitioners, type Consumer, type Producer } from 'kafkajs';
import { inEventSpan, inRunSpan } from './consumer-spans';
import { createDatabaseOutageGuard, RunAbandoned, type TransactionRunner } from './database-outage';
import type { RawSql, RawSqlDatabase, TransactionOptions } from './db';
import { HEADERS, type MessageHeaders } from './headers';
import { fetchLinger } from './fetch-linger';
import { kafkajsOf, physicalGroupId, physicalTopic, stripNamespace, type KafkaConnection } from './kafka';
import { errorFields, errorMessage, type MessagingLogger } from './logger';
import { MEMBERSHIP_DEFAULTS, runHeartbeat, runSizer } from './membership';

/** What a consumer does with one event type (and version), inside the processed-event transaction. */
export interface EventHandler<D extends AnyEventDefinition = AnyEventDefinition, TTx extends RawSql = RawSql> {
  event: D;
  handle(envelope: EnvelopeOf<D>, tx: TTx): Promise<void>;
}

/** Typed handler: `on(clueSubmitted, async (envelope, tx) => ...)` infers the envelope's data type. */
export function on<D extends AnyEventDefinition, TTx extends RawSql = RawSql>(
  event: D,
  handle: (envelope: EnvelopeOf<D>, tx: TTx) => Promise<void>,
): EventHandler<D, TTx> {
  return { event, handle };
}

/** A Kafka record as the per-message function sees it (client independent). */
export interface IncomingMessage {
  /** Physical topic name (namespace + logical topic). */
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: MessageHeaders;
}

export type ProcessOutcome =
  | { status: 'applied'; eventId: string; attempts: number }
  | { status: 'duplicate'; eventId: string }
  | { status: 'ignored'; reason: string }
  | { status: 'dead-lettered'; reason: string };

/** Sends a message that cannot be processed to `<physical topic>.dlq` (= namespace + logical DLQ) with `reason`. */
export type DeadLetterSink = (message: IncomingMessage, reason: string) => Promise<void>;

export interface ProcessContext<TTx extends RawSql = RawSql> {
  /**
   * Recorded in processed_event.consumer: the consumer group id without the namespace (the database
   * belongs to one environment; a namespace change must not re-apply what it already applied).
   */
  consumer: string;
  /** Namespace of the message topics (KafkaConnection.namespace; default none): stripped before topics are compared. */
  namespace?: string;
  db: RawSqlDatabase<TTx>;
  handlers: readonly EventHandler<AnyEventDefinition, TTx>[];
  deadLetter: DeadLetterSink;
  logger: MessagingLogger;
  /** Handler attempts before the message goes to the DLQ (default 3); transient database failures do not count. */
  maxAttempts?: number;
  /** First retry delay, doubled each attempt (ms, default 100). */
  retryDelayMs?: number;
  /** Event types that are valid but not handled here are skipped; other types go to the DLQ. */
  knownEvents?: readonly AnyEventDefinition[];
  transactionOptions?: TransactionOptions;
  /**
   * Called in every handler transaction: `begin` with the transaction's new events before the first
   * handler, `beforeCommit` after the last (a failure in either counts as the handlers'). Lets
   * handlers do work once per transaction instead of once per event: read and lock every row the
   * run's events touch in one statement, one write of what many events add up to.
   */
  transactionHooks?: TransactionHooks<TTx>;
  /**
   * Keeps the group membership alive: called between the events of a run (inside its transaction)
   * and between retries. Should not throw (a failure would roll the run back); createEventConsumer's
   * keeps a failure for after the run (membership.ts).
   */
  heartbeat?: () => Promise<void>;
  /**
   * Runs each of the run's transactions, whole; createEventConsumer's runs one again after a
   * transient failure until the database answers (database-outage.ts). Default: once, a transient
   * failure is thrown.
   */
  runTransaction?: TransactionRunner;
}

export interface TransactionHooks<TTx extends RawSql = RawSql> {
  begin?(tx: TTx, envelopes: readonly EventEnvelope[]): void | Promise<void>;
  beforeCommit?(tx: TTx): Promise<void>;
}

/** A handler (or hook) failed for a reason of its own: counts as an attempt, then the DLQ. */
class HandlerFailure extends Error {
  override readonly name = 'HandlerFailure';
  constructor(readonly original: unknown) {
    super(errorMessage(original));
  }
}

/**
 * What a handler's error means: a transient database failure (a restart, a lost connection, a
 * conflict) is the database's, not the event's, and stays as it is (waited out or thrown, never
 * dead-lettered); anything else is the handler's.
 */
function handlerError(error: unknown): unknown {
  return isTransientFailure(error) ? error : new HandlerFailure(error);
}

/** One transaction through the context's runner (which may run it again after a transient failure). */
function transaction<TTx extends RawSql, R>(context: ProcessContext<TTx>, fn: (tx: TTx) => Promise<R>, options: TransactionOptions | undefined): Promise<R> {
  const once = async () => context.db.$transaction(fn, options);
  return context.runTransaction ? context.runTransaction(once) : once();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parse(value: Buffer | string | null): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === null) return { ok: false, reason: 'empty message value' };
  try {
    return { ok: true, value: JSON.parse(value.toString()) };
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${errorMessage(error)}` };
  }
}

/** A message checked and ready for its handler, or already settled (ignored / dead-lettered). */
type Prepared<TTx extends RawSql> =
  | { ready: true; envelope: EventEnvelope; handler: EventHandler<AnyEventDefinition, TTx> }
  | { ready: false; outcome: ProcessOutcome };

/** Everything before the handler's transaction: parse, contract, topic, schema. Sends what fails to the DLQ. */
async function prepare<TTx extends RawSql>(context: ProcessContext<TTx>, message: IncomingMessage): Promise<Prepared<TTx>> {
  const where = { topic: message.topic, partition: message.partition, offset: message.offset };
  const deadLetter = async (reason: string): Promise<Prepared<TTx>> => {
    context.logger.warn({ ...where, reason }, 'message sent to the dead-letter topic');
    await context.deadLetter(message, reason);
    return { ready: false, outcome: { status: 'dead-lettered', reason } };
  };

  const parsed = parse(message.value);
  if (!parsed.ok) return deadLetter(parsed.reason);
  const candidate = parsed.value as Partial<EventEnvelope> | null;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate) || typeof candidate.type !== 'string') {
    return deadLetter('not an event envelope: no "type"');
  }
  const { type, schemaVersion } = candidate;
  const forType = context.handlers.filter((h) => h.event.type === type);
  if (forType.length === 0) {
    if ((context.knownEvents ?? allEvents).some((def) => def.type === type)) {
      context.logger.debug({ ...where, type }, 'event type not handled by this consumer; skipped');
      return { ready: false, outcome: { status: 'ignored', reason: `${type} is not handled by ${context.consumer}` } };
    }
    return deadLetter(`unknown event type "${type}"`);
  }
  const handler = forType.find((h) => h.event.version === schemaVersion);
  if (!handler) {
    const versions = forType.map((h) => h.event.version).join(', ');
    return deadLetter(`unsupported schemaVersion ${JSON.stringify(schemaVersion)} of ${type} (handled: ${versions})`);
  }
  const namespace = context.namespace ?? '';
  const topic = stripNamespace(namespace, message.topic);
  if (topic === undefined) {
    return deadLetter(`topic ${message.topic} is not in namespace "${namespace}"`);
  }
  if (handler.event.topic !== topic) {
    return deadLetter(`${type} belongs on topic ${handler.event.topic}, not ${topic}`);
  }
  // Tolerant reading: fields a newer producer added are dropped, the rest checked as strictly.
  const validation = readEnvelope(handler.event, candidate);
  if (!validation.ok) return deadLetter(`invalid ${type} v${handler.event.version}: ${validation.errors.join('; ')}`);
  return { ready: true, envelope: validation.envelope, handler };
}

/**
 * Handles one Kafka message: parse → find the contract by type and version → validate envelope and
 * data → one transaction that records (consumer, event id) in processed_event and, when that row is
 * new, runs the handler with the same transaction. Malformed, unknown or invalid messages and
 * handlers that keep failing go to the DLQ. Transient database failures, in the handler too, are
 * the runner's (context.runTransaction: waited out) or thrown; other database or Kafka errors
 * outside the handler are thrown, so the message is not committed and comes again.
 */
export async function processMessage<TTx extends RawSql>(
  context: ProcessContext<TTx>,
  message: IncomingMessage,
): Promise<ProcessOutcome> {
  const prepared = await prepare(context, message);
  if (!prepared.ready) return prepared.outcome;
  return apply(context, message, prepared.envelope, prepared.handler);
}

/** The handler's transaction with its retries, then the DLQ. */
async function apply<TTx extends RawSql>(
  context: ProcessContext<TTx>,
  message: IncomingMessage,
  envelope: EventEnvelope,
  handler: EventHandler<AnyEventDefinition, TTx>,
  firstAttempt = 1,
): Promise<ProcessOutcome> {
  const maxAttempts = context.maxAttempts ?? 3;
  const retryDelayMs = context.retryDelayMs ?? 100;
  const where = { topic: message.topic, partition: message.partition, offset: message.offset };
  const deadLetter = async (reason: string): Promise<ProcessOutcome> => {
    context.logger.warn({ ...where, reason }, 'message sent to the dead-letter topic');
    await context.deadLetter(message, reason);
    return { status: 'dead-lettered', reason };
  };

  for (let attempt = firstAttempt; ; attempt += 1) {
    try {
      const applied = await transaction(context, async (tx) => {
        const inserted = Number(await tx.$executeRawUnsafe(
          'INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING',
          context.consumer,
          envelope.id,
        ));
        if (inserted === 0) return false;
        try {
          await inEventSpan(context.consumer, message, envelope, async () => {
            await context.transactionHooks?.begin?.(tx, [envelope]);
            await handler.handle(envelope, tx);
            await context.transactionHooks?.beforeCommit?.(tx);
          });
        } catch (error) {
          throw handlerError(error);
        }
        return true;
      }, context.transactionOptions);
      if (!applied) {
        context.logger.debug({ ...where, eventId: envelope.id }, 'event already processed; skipped');
        return { status: 'duplicate', eventId: envelope.id };
      }
      return { status: 'applied', eventId: envelope.id, attempts: attempt };
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      if (attempt >= maxAttempts) {
        return deadLetter(`handler failed after ${attempt} attempts: ${error.message}`);
      }
      const delay = retryDelayMs * 2 ** (attempt - 1);
      context.logger.warn(
        { ...where, eventId: envelope.id, attempt, retryInMs: delay, ...errorFields(error.original) },
        'event handler failed; retrying',
      );
      await context.heartbeat?.();
      await sleep(delay);
    }
  }
}

/**
 * A run holds up to hundreds of events in one transaction: Prisma's default limit (5 s) would end
 * a slow run with an error that no retry of the same run can get past.
 */
const RUN_TRANSACTION: TransactionOptions = { maxWait: 10_000, timeout: 120_000 };

/**
 * Handles a run of one partition's messages in order, in one transaction for all the events that
 * are ready (processed_event rows for all of them in one statement, then each new event's handler):
 * the per-event commit, not the handler, is what limits a consumer at thousands of events per
 * second. Messages that fail their checks go to the DLQ as in processMessage. If any handler
 * throws, the whole transaction is rolled back and the run is applied again one message at a time
 * (processMessage: retries, then the DLQ for the one that keeps failing), so a bad event costs
 * its neighbours nothing but time. A transient database failure (in a handler too) is not a failing
 * handler: context.runTransaction runs the whole transaction again, or it is thrown; other database
 * errors are thrown. Thrown: nothing of the run is committed.
 * Tracing: a span for the run's transaction and one per event's handler, each a child of its
 * event's traceparent (consumer-spans.ts).
 */
export async function processBatch<TTx extends RawSql>(context: ProcessContext<TTx>, messages: readonly IncomingMessage[]): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = new Array(messages.length);
  const ready: { index: number; envelope: EventEnvelope; handler: EventHandler<AnyEventDefinition, TTx> }[] = [];
  for (const [index, message] of messages.entries()) {
    const prepared = await prepare(context, message);
    if (prepared.ready) ready.push({ index, envelope: prepared.envelope, handler: prepared.handler });
    else outcomes[index] = prepared.outcome;
  }
  if (ready.length === 0) return outcomes;
  // The event whose handler failed in the run: that was its first attempt.
  let failed = -1;
  try {
    const traced = ready.map((r) => ({ message: messages[r.index]!, envelope: r.envelope }));
    const applied = await inRunSpan(context.consumer, traced, () => transaction(context, async (tx) => {
      failed = -1;
      const ids = ready.map((r) => r.envelope.id);
      const inserted = (await tx.$queryRawUnsafe(
        `INSERT INTO processed_event (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id::text AS id`,
        context.consumer,
        ids,
      )) as { id: string }[];
      const fresh = new Set(inserted.map((r) => r.id));
      // The same event twice in one run: only its first occurrence is new.
      const done = ready.map((r) => fresh.delete(r.envelope.id));
      try {
        await context.transactionHooks?.begin?.(tx, ready.filter((_, i) => done[i]).map((r) => r.envelope));
      } catch (error) {
        throw handlerError(error);
      }
      for (const [i, r] of ready.entries()) {
        if (done[i]) {
          try {
            await inEventSpan(context.consumer, messages[r.index]!, r.envelope, () => r.handler.handle(r.envelope as never, tx));
          } catch (error) {
            const failure = handlerError(error);
            if (failure instanceof HandlerFailure) failed = i;
            throw failure;
          }
          // A run of slow events may outlast the session: the membership is kept between events.
          await context.heartbeat?.();
        }
      }
      try {
        await context.transactionHooks?.beforeCommit?.(tx);
      } catch (error) {
        throw handlerError(error);
      }
      return done;
    }, context.transactionOptions ?? RUN_TRANSACTION));
    for (const [i, r] of ready.entries()) {
      outcomes[r.index] = applied[i] ? { status: 'applied', eventId: r.envelope.id, attempts: 1 } : { status: 'duplicate', eventId: r.envelope.id };
    }
  } catch (error) {
    if (!(error instanceof HandlerFailure)) throw error;
    context.logger.warn({ topic: messages[0]!.topic, partition: messages[0]!.partition, count: ready.length, ...errorFields(error.original) }, 'a handler failed in a batch; applying its events one by one');
    for (const [i, r] of ready.entries()) {
      outcomes[r.index] = await apply(context, messages[r.index]!, r.envelope, r.handler, i === failed ? 2 : 1);
      await context.heartbeat?.();
    }
  }
  return outcomes;
}

/**
 * Copies the original key, value and headers to `<physical topic>.dlq` (namespace + logical topic +
 * `.dlq`, i.e. the namespaced dlqTopic), adding the dlq-* headers; dlq-original-topic is the physical
 * topic and dlq-consumer-group the physical group id, as the cluster's tools show them.
 */
export function kafkaDeadLetterSink(producer: Producer, consumerGroup: string): DeadLetterSink {
  return async (message, reason) => {
    await producer.send({
      topic: `${message.topic}.dlq`,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [HEADERS.dlqReason]: reason.slice(0, 4_000),
            [HEADERS.dlqOriginalTopic]: message.topic,
            [HEADERS.dlqOriginalPartition]: String(message.partition),
            [HEADERS.dlqOriginalOffset]: message.offset,
            [HEADERS.dlqConsumerGroup]: consumerGroup,
            [HEADERS.dlqFailedAt]: new Date().toISOString(),
          },
        },
      ],
    });
  };
}

/** The sink, telling `onDeadLetter` of each message it took. */
function counted(sink: DeadLetterSink, onDeadLetter: ((topic: string, reason: string) => void) | undefined, namespace: string): DeadLetterSink {
  if (!onDeadLetter) return sink;
  return async (message, reason) => {
    await sink(message, reason);
    onDeadLetter(stripNamespace(namespace, message.topic) ?? message.topic, reason);
  };
}

export interface EventConsumerOptions<TTx extends RawSql = RawSql> {
  kafka: KafkaConnection;
  /**
   * Consumer group, without the namespace: the Kafka group is namespace + groupId, while
   * processed_event.consumer records groupId as given. Keep it stable.
   */
  groupId: string;
  db: RawSqlDatabase<TTx>;
  handlers: readonly EventHandler<AnyEventDefinition, TTx>[];
  logger: MessagingLogger;
  /** Where a new group starts: the earliest offset (true) or new messages only (false, default). */
  fromBeginning?: boolean;
  /** Handler attempts before the DLQ (default 3). */
  maxAttempts?: number;
  retryDelayMs?: number;
  knownEvents?: readonly AnyEventDefinition[];
  transactionOptions?: TransactionOptions;
  transactionHooks?: TransactionHooks<TTx>;
  /** Partitions handled in parallel (default 1). */
  partitionsConsumedConcurrently?: number;
  /**
   * Most events applied in one transaction (processBatch; default 200): a fetched batch of a
   * partition is applied in runs of up to this many, each committed, then its offsets. 1: one by one.
   */
  maxEventsPerTransaction?: number;
  /**
   * About how long one run may take (ms, default 2000): the next run takes as many events as took
   * that long before (at most maxEventsPerTransaction). A rebalance waits for the run in progress.
   */
  maxRunMs?: number;
  /** The group drops a member it has not heard from for this long (ms, default 10 000; see membership.ts). */
  sessionTimeoutMs?: number;
  /** Least time between two heartbeats (ms, default 3000: a third of the session). */
  heartbeatIntervalMs?: number;
  /** How long a rebalance waits for the members to rejoin (ms, default 30 000). */
  rebalanceTimeoutMs?: number;
  /** Longest a fetch waits for new records (ms, default 2000); stop() may wait this long. */
  maxWaitTimeMs?: number;
  /** Least span of one fetch while events arrive back to back (ms, default 0; fetch-linger.ts). */
  fetchLingerMs?: number;
  /** Not ready once the broker has not answered any request for this long (ms, default 5000). */
  brokerSilenceMs?: number;
  /** Longest pause between attempts of a run while the database is unavailable (ms, default 1000; the first is 100). */
  maxOutageBackoffMs?: number;
  /**
   * Whether the client restarts after a failure it gave up retrying (kafkajs retry.restartOnFailure;
   * default: always). When it does not, the consumer has stopped for good: alive() turns false.
   */
  restartOnFailure?: (error: Error) => Promise<boolean>;
  /** After each fetched batch: how many records of the partition are still to be read. */
  onLag?: (topic: string, partition: number, lag: number) => void;
  /** Each message sent to the DLQ (topic without the namespace). */
  onDeadLetter?: (topic: string, reason: string) => void;
}

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * True once it has joined its group, until it stops or crashes for good; and not while a run
   * waits for its database (an outage: nothing is being applied), nor while the broker has not
   * answered for brokerSilenceMs (a lost broker shows within seconds, not after the client's retries).
   */
  readiness(): boolean;
  /** False once the client crashed and will not restart: only a new process brings it back (liveness). */
  alive(): boolean;
}

/**
 * Subscribes to the topics of `handlers` (in the connection's namespace) as group namespace + groupId
 * and applies each partition's records in runs (processBatch), committing a run's offsets after its
 * transaction. While the database is unavailable a run is retried, whole, until it commits
 * (database-outage.ts): the partition waits, heartbeating, not ready, offsets uncommitted.
 */
export function createEventConsumer<TTx extends RawSql>(options: EventConsumerOptions<TTx>): EventConsumer {
  const { groupId, logger } = options;
  const { namespace } = options.kafka;
  const kafkaGroupId = physicalGroupId(options.kafka, groupId);
  const topics = [...new Set(options.handlers.map((h) => physicalTopic(options.kafka, h.event.topic)))].sort();
  if (topics.length === 0) throw new Error('createEventConsumer needs at least one handler');
  const log = { component: 'event-consumer', groupId: kafkaGroupId };
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let joined = false;
  let running = false;
  // When the broker last answered one of the consumer's requests (fetch, heartbeat, commit, join...).
  let brokerAnsweredAt = 0;
  const brokerSilenceMs = options.brokerSilenceMs ?? MEMBERSHIP_DEFAULTS.brokerSilenceMs;
  let stoppedForGood = false;
  const outage = createDatabaseOutageGuard({ logger, log, ...(options.maxOutageBackoffMs === undefined ? {} : { maxBackoffMs: options.maxOutageBackoffMs }) });
  // Cuts an outage's back-off short at stop(): the run is abandoned uncommitted, for the next owner.
  let stopping = new AbortController();

  return {
    async start() {
      if (running) return;
      const kafka = kafkajsOf(options.kafka);
      producer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
      });
      consumer = kafka.consumer({
        groupId: kafkaGroupId,
        allowAutoTopicCreation: false,
        sessionTimeout: options.sessionTimeoutMs ?? MEMBERSHIP_DEFAULTS.sessionTimeoutMs,
        heartbeatInterval: options.heartbeatIntervalMs ?? MEMBERSHIP_DEFAULTS.heartbeatIntervalMs,
        rebalanceTimeout: options.rebalanceTimeoutMs ?? MEMBERSHIP_DEFAULTS.rebalanceTimeoutMs,
        maxWaitTimeInMs: options.maxWaitTimeMs ?? MEMBERSHIP_DEFAULTS.maxWaitTimeMs,
        ...(options.restartOnFailure === undefined ? {} : { retry: { retries: 2, restartOnFailure: options.restartOnFailure } }),
      });
      const linger = fetchLinger(consumer, options.fetchLingerMs ?? 0);
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
      consumer.on(consumer.events.CRASH, (event) => {
        joined = false;
        if (!event.payload.restart) stoppedForGood = true;
        logger.error({ ...log, ...errorFields(event.payload.error), restart: event.payload.restart }, 'consumer crashed');
      });
      consumer.on(consumer.events.STOP, () => (joined = false));
      consumer.on(consumer.events.REQUEST, () => (brokerAnsweredAt = Date.now()));
      const { onLag } = options;
      if (onLag) {
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => onLag(stripNamespace(namespace, payload.topic) ?? payload.topic, payload.partition, Number(payload.offsetLag)));
      }
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? false });
      const context: ProcessContext<TTx> = {
        consumer: groupId,
        namespace,
        db: options.db,
        handlers: options.handlers,
        deadLetter: counted(kafkaDeadLetterSink(producer, kafkaGroupId), options.onDeadLetter, namespace),
        logger,
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
        ...(options.knownEvents === undefined ? {} : { knownEvents: options.knownEvents }),
        ...(options.transactionOptions === undefined ? {} : { transactionOptions: options.transactionOptions }),
        ...(options.transactionHooks === undefined ? {} : { transactionHooks: options.transactionHooks }),
      };
      running = true;
      brokerAnsweredAt = Date.now();
      stopping = new AbortController();
      const { signal } = stopping;
      const sizer = runSizer(Math.max(1, options.maxEventsPerTransaction ?? 200), options.maxRunMs ?? MEMBERSHIP_DEFAULTS.maxRunMs);
      await consumer.run({
        autoCommit: true,
        // Offsets are committed after each run (commitOffsetsIfNecessary below), not only at the end of a fetched batch.
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
          const messages: IncomingMessage[] = batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key,
            value: m.value,
            headers: m.headers,
          }));
          // Heartbeats between events and between runs; a failure ends the batch once the run in progress has committed.
          const membership = runHeartbeat(heartbeat);
          for (let from = 0; from < messages.length; ) {
            // A rebalance took the partition, or stop() was called: leave the rest for its next owner.
            if (!isRunning() || isStale()) return;
            const run = messages.slice(from, from + sizer.next());
            const runTransaction = outage.runner({ heartbeat: membership.beat, signal, giveUp: () => signal.aborted || !isRunning() || isStale() || membership.failed });
            const started = Date.now();
            let outcomes: ProcessOutcome[];
            try {
              outcomes = await processBatch({ ...context, heartbeat: membership.beat, runTransaction }, run);
            } catch (error) {
              // Neither the run nor its offsets committed: it comes again to whoever owns the partition next.
              if (error instanceof RunAbandoned) {
                membership.throwIfFailed();
                return;
              }
              throw error;
            }
            sizer.record(run.length, Date.now() - started);
            logger.debug({ ...log, topic: batch.topic, partition: batch.partition, from: run[0]!.offset, count: run.length, applied: outcomes.filter((o) => o.status === 'applied').length, ms: Date.now() - started }, 'messages processed');
            resolveOffset(run.at(-1)!.offset);
            // While a rebalance is being prepared the group still takes this member's commits.
            await commitOffsetsIfNecessary();
            await membership.beat();
            membership.throwIfFailed();
            from += run.length;
          }
          if (isRunning() && !isStale()) await linger();
        },
      });
      logger.info({ ...log, topics }, 'event consumer started');
    },
    async stop() {
      running = false;
      joined = false;
      stopping.abort();
      const [c, p] = [consumer, producer];
      consumer = undefined;
      producer = undefined;
      await c?.disconnect();
      await p?.disconnect();
      if (c) logger.info(log, 'event consumer stopped');
    },
    readiness() {
      return running && joined && !outage.waiting && Date.now() - brokerAnsweredAt < brokerSilenceMs;
    },
    alive() {
      return !stoppedForGood;
    },
  };
}
