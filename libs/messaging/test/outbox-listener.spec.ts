import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { enqueueEvent } from '../src';
import { createOutboxListener } from '../src/outbox-listener';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic } from './support/events';
import { testLogger } from './support/kafka';

// The relay's side of the protocol with the outbox trigger (sql/messaging-tables.sql), against real
// PostgreSQL: which writers notify, and when a relay may wake and may sleep.
describe('outbox listener and trigger (real PostgreSQL)', () => {
  let t: TestDatabase;
  const connectionString = `postgresql://${TEST_DATABASE.user}:${TEST_DATABASE.password}@${TEST_DATABASE.host}:${TEST_DATABASE.port}/${TEST_DATABASE.database}`;
  const event = clueEventOnOwnTopic('listener');

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A writer with an outbox row written and not yet committed. */
  async function writerInFlight(): Promise<PoolClient> {
    const writer = await t.pool.connect();
    await writer.query('BEGIN');
    const raw = { $executeRawUnsafe: async (q: string, ...v: unknown[]) => (await writer.query(q, v)).rowCount ?? 0, $queryRawUnsafe: async (q: string, ...v: unknown[]) => (await writer.query(q, v)).rows };
    await enqueueEvent(raw, event, clueEnvelope(event, randomUUID(), 1));
    return writer;
  }

  it('wakes while writers that will notify are still in flight, and waits for the writers that saw it awake before it sleeps', async () => {
    let notified = 0;
    const listener = createOutboxListener({ connectionString, schema: t.schema, logger: testLogger, onNotify: () => (notified += 1) });
    await listener.start();
    notified = 0; // the wake-up every (re)connection gives
    const before = await writerInFlight();
    let during: PoolClient | undefined;
    try {
      // A writer that found no relay awake only looked: under a steady load one is always in flight,
      // and a relay that had to wait for none would never wake (the writers would go on notifying).
      expect(await listener.holdAwake()).toBe(true);
      // One that writes while the relay is awake does not notify, and holds the relay's sleep back.
      during = await writerInFlight();
      await listener.releaseAwake();
      expect(await listener.writersQuiet()).toBe(false);
      await during.query('COMMIT');
      expect(await listener.writersQuiet()).toBe(false); // the first one still writes
      await before.query('COMMIT');
      expect(await listener.writersQuiet()).toBe(true);
      // The first writer saw no relay awake: its commit notifies; the second's does not.
      const deadline = Date.now() + 5_000;
      while (notified === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(notified).toBe(1);
    } finally {
      before.release();
      during?.release();
      await listener.stop();
    }
  });
});
