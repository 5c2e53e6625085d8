import type { AnyEventDefinition } from '@pgov/contracts';
import type { RawSql, RawSqlDatabase } from './db';
import type { EventHandler, ProcessOutcome, TransactionHooks } from './consumer';
import { processBatch } from './consumer';
import { createDatabaseOutageGuard, RunAbandoned } from './database-outage';
import { kafkajsOf, physicalGroupId, physicalTopic, type KafkaConnection } from './kafka';
import type { MessagingLogger } from './logger';

export interface ReplayOptions<TTx extends RawSql = RawSql> {
  kafka: KafkaConnection;
  db: RawSqlDatabase<TTx>;
  handlers: readonly EventHandler<AnyEventDefinition, TTx>[];
  /**
   * Name recorded in processed_event (the live consumer's group id, so that when the live consumer
   * resumes from its own offsets it skips what the replay applied).
   */
  consumer: string;
  /** A Kafka consumer group never used before (without the namespace): it starts at the beginning. */
  replayGroupId: string;
  logger: MessagingLogger;
  /** As the live consumer's (see ProcessContext.transactionHooks). */
  transactionHooks?: TransactionHooks<TTx>;
  /** Most events applied in one transaction (default 200). */
  maxEventsPerTransaction?: number;
  /** Called after each message with how many of `total` are done. */
  onProgress?: (done: number, total: number) => void;
  /** Gives up when no message arrives for this long while some are still expected (ms, default 60 s). */
  idleTimeoutMs?: number;
}

export interface ReplayResult {
  /** Messages on the topics when the replay began (beginning to high watermark). */
  total: number;
  outcomes: Record<ProcessOutcome['status'], number>;
}

/**
 * Reads every topic of `handlers` from its beginning up to the high watermarks of the moment it
 * starts, through processMessage (validation, de-duplication by `consumer`, one transaction per
 * event), as a fresh consumer group that is deleted afterwards. Messages that cannot be processed
 * are counted and logged, not dead-lettered again (the live consumer did that when they came).
 * Stop the live consumer first: the replay is the only writer while it runs.
 */
export async function replayFromBeginning<TTx extends RawSql>(options: ReplayOptions<TTx>): Promise<ReplayResult> {
  const client = kafkajsOf(options.kafka);
  const topics = [...new Set(options.handlers.map((h) => physicalTopic(options.kafka, h.event.topic)))].sort();
  const admin = client.admin();
  await admin.connect();
  const outcomes: ReplayResult['outcomes'] = { applied: 0, duplicate: 0, ignored: 0, 'dead-lettered': 0 };
  try {
    const existing = new Set(await admin.listTopics());
    // Per partition, the offset after which the replay is done (exclusive high watermark).
    const remaining = new Map<string, bigint>();
    let total = 0;
    for (const topic of topics.filter((t) => existing.has(t))) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const count = Number(BigInt(p.high) - BigInt(p.low));
        if (count > 0) {
          remaining.set(`${topic}:${p.partition}`, BigInt(p.high));
          total += count;
        }
      }
    }
    if (total === 0) return { total, outcomes };

    const groupId = physicalGroupId(options.kafka, options.replayGroupId);
    const outage = createDatabaseOutageGuard({ logger: options.logger, log: { component: 'replay', groupId } });
    const consumer = client.consumer({ groupId, allowAutoTopicCreation: false });
    let done = 0;
    let lastProgress = Date.now();
    const finished = new Promise<void>((resolve, reject) => {
      const idle = setInterval(() => {
        if (Date.now() - lastProgress > (options.idleTimeoutMs ?? 60_000)) {
          clearInterval(idle);
          reject(new Error(`replay stalled: ${done} of ${total} messages after ${options.idleTimeoutMs ?? 60_000} ms without one`));
        }
      }, 1_000);
      const context = {
        consumer: options.consumer,
        namespace: options.kafka.namespace,
        db: options.db,
        handlers: options.handlers,
        logger: options.logger,
        deadLetter: async () => undefined,
        ...(options.transactionHooks ? { transactionHooks: options.transactionHooks } : {}),
      };
      void (async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: topics.filter((t) => existing.has(t)), fromBeginning: true });
        await consumer.run({
          autoCommit: true,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning }) => {
            const { topic, partition } = batch;
            const key = `${topic}:${partition}`;
            const end = remaining.get(key);
            // Only what was there when the replay began.
            const wanted = end === undefined ? [] : batch.messages.filter((m) => BigInt(m.offset) < end);
            const runLength = Math.max(1, options.maxEventsPerTransaction ?? 200);
            for (let from = 0; from < wanted.length; from += runLength) {
              const run = wanted.slice(from, from + runLength);
              let results: ProcessOutcome[];
              try {
                results = await processBatch(
                  // A database outage is waited out as the service's consumer does (no event skipped); the idle timeout bounds it.
                  { ...context, heartbeat, runTransaction: outage.runner({ heartbeat, giveUp: () => !isRunning() }) },
                  run.map((m) => ({ topic, partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers })),
                );
              } catch (error) {
                if (error instanceof RunAbandoned) return; // the replay is ending (idle timeout)
                throw error;
              }
              for (const [i, outcome] of results.entries()) {
                outcomes[outcome.status] += 1;
                if (outcome.status === 'dead-lettered') options.logger.warn({ topic, partition, offset: run[i]!.offset, reason: outcome.reason }, 'replay: message not applied');
              }
              done += run.length;
              lastProgress = Date.now();
              options.onProgress?.(done, total);
              resolveOffset(run.at(-1)!.offset);
              await commitOffsetsIfNecessary();
              await heartbeat();
            }
            if (end !== undefined && wanted.length > 0 && BigInt(wanted.at(-1)!.offset) + 1n >= end) remaining.delete(key);
            if (remaining.size === 0) {
              clearInterval(idle);
              resolve();
            }
          },
        });
      })().catch((error: unknown) => {
        clearInterval(idle);
        reject(error);
      });
    });
    try {
      await finished;
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return { total, outcomes };
  } finally {
    await admin.disconnect();
  }
}
