import type { RawSqlDatabase } from './db';

export interface RetentionPolicy {
  /** Published outbox rows older than this are deleted (unpublished ones never are). */
  outboxMs: number;
  /**
   * Processed-event records older than this are deleted. Keep it longer than any redelivery can
   * come late: an event redelivered after its record is gone would be applied again (offsets are
   * committed after each run, so redelivery is seconds late, unless an operator rewinds a group).
   */
  processedMs: number;
  /** Rows deleted per statement, so no delete holds locks or bloats the WAL for long (default 5,000). */
  batchSize?: number;
}

export interface PruneResult {
  outbox: number;
  processed: number;
}

/**
 * Deletes what the outbox and the processed-event log no longer need, in batches. Outbox rows go
 * in seq order (published ones form a prefix: the relay publishes in order), processed-event
 * records by their processed_at index. Safe beside the relay and consumers, and across replicas.
 */
export async function pruneMessagingTables(db: RawSqlDatabase, policy: RetentionPolicy): Promise<PruneResult> {
  const batch = policy.batchSize ?? 5_000;
  const prune = async (sql: string, olderThanMs: number) => {
    let total = 0;
    for (;;) {
      const deleted = Number(await db.$executeRawUnsafe(sql, `${Math.floor(olderThanMs / 1000)} seconds`, batch));
      total += deleted;
      if (deleted < batch) return total;
    }
  };
  const outbox = await prune(
    `DELETE FROM outbox_event WHERE seq IN (
       SELECT seq FROM outbox_event WHERE published_at IS NOT NULL AND published_at < now() - $1::interval ORDER BY seq LIMIT $2)`,
    policy.outboxMs,
  );
  const processed = await prune(
    `DELETE FROM processed_event WHERE (consumer, event_id) IN (
       SELECT consumer, event_id FROM processed_event WHERE processed_at < now() - $1::interval ORDER BY processed_at LIMIT $2)`,
    policy.processedMs,
  );
  return { outbox, processed };
}
