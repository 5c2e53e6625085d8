import { randomUUID } from 'node:crypto';
import { pruneMessagingTables } from '../src';
import { createTestDatabase, type TestDatabase } from './support/database';

// Retention on the real PostgreSQL: what goes, and what must stay.
describe('pruneMessagingTables', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  const outbox = (createdDaysAgo: number, publishedDaysAgo: number | null) =>
    t.pool.query(
      `INSERT INTO outbox_event (id, topic, key, type, envelope, created_at, published_at)
       VALUES ($1, 'clues.clue.v1', 'k', 'clues.clue.submitted', '{}', now() - make_interval(days => $2), CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)`,
      [randomUUID(), createdDaysAgo, publishedDaysAgo],
    );
  const processed = (daysAgo: number) =>
    t.pool.query(`INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('indicators', $1, now() - make_interval(days => $2))`, [randomUUID(), daysAgo]);

  it('deletes published outbox rows and processed-event records past their windows, in batches, and nothing else', async () => {
    for (let i = 0; i < 7; i++) await outbox(20, 19); // published long ago: pruned
    await outbox(20, null); // never published, however old: kept (the relay still owes it)
    await outbox(2, 1); // published recently: kept
    for (let i = 0; i < 5; i++) await processed(40); // pruned
    await processed(3); // kept

    const result = await pruneMessagingTables(t.db, { outboxMs: 7 * 86_400_000, processedMs: 30 * 86_400_000, batchSize: 3 });

    expect(result).toEqual({ outbox: 7, processed: 5 });
    expect(await t.count('outbox_event WHERE published_at IS NULL')).toBe(1);
    expect(await t.count('outbox_event WHERE published_at IS NOT NULL')).toBe(1);
    expect(await t.count('processed_event')).toBe(1);
    // Nothing more to do: a second pass deletes nothing.
    expect(await pruneMessagingTables(t.db, { outboxMs: 7 * 86_400_000, processedMs: 30 * 86_400_000 })).toEqual({ outbox: 0, processed: 0 });
  });
});
