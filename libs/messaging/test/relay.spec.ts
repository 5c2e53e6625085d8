import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import { createOutboxRelay, enqueueEvent, ensureTopics, type KafkaConnection, type OutboxRelay } from '../src';
import { createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, positionOf, type TestEvent } from './support/events';
import { deleteTopics, readTopic, recordCount, suffix, testKafka, testLogger, waitFor } from './support/kafka';

describe('outbox relay (real PostgreSQL and Kafka)', () => {
  let t: TestDatabase;
  let kafka: KafkaConnection;
  const topics: string[] = [];
  const relays: OutboxRelay[] = [];

  const relay = (batchSize = 4) => {
    const created = createOutboxRelay({ db: t.db, kafka, logger: testLogger, pollIntervalMs: 50, batchSize });
    relays.push(created);
    return created;
  };

  async function enqueue(event: TestEvent, envelopes: EventEnvelope<ClueSubmittedData>[]) {
    for (const envelope of envelopes) {
      await t.db.$transaction((tx) => enqueueEvent(tx, event, envelope));
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    kafka = testKafka();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await t.close();
    await deleteTopics(topics);
  });

  it('publishes in order, keyed by aggregate id, with headers, marks rows published, and never twice across restarts', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    expect(await ensureTopics(kafka, [event])).toEqual([event.topic, event.dlqTopic].sort());
    expect(await ensureTopics(kafka, [event])).toEqual([]); // idempotent

    // Three aggregates, events interleaved: 12 rows, published 4 per transaction.
    const clues = [randomUUID(), randomUUID(), randomUUID()];
    const first = Array.from({ length: 12 }, (_, i) => clueEnvelope(event, clues[i % 3], i + 1));
    await enqueue(event, first);

    const one = relay();
    await one.start();
    expect(one.readiness()).toBe(true);
    await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: 'outbox drained' });
    await one.stop();
    expect(one.readiness()).toBe(false);

    // A new relay after a restart publishes only what is new.
    const later = Array.from({ length: 3 }, (_, i) => clueEnvelope(event, clues[i], 13 + i));
    await enqueue(event, later);
    const two = relay();
    expect(await two.flush()).toBe(3);
    expect(await two.flush()).toBe(0);
    await two.stop();

    expect(await recordCount(event.topic)).toBe(15);
    const records = await readTopic(event.topic, 15);
    expect(records).toHaveLength(15);
    const envelopes = records.map((r) => JSON.parse(r.value ?? 'null') as EventEnvelope<ClueSubmittedData>);
    expect(new Set(envelopes.map((e) => e.id)).size).toBe(15);
    for (const record of records) {
      const envelope = JSON.parse(record.value ?? 'null') as EventEnvelope<ClueSubmittedData>;
      expect(record.key).toBe(envelope.subject);
      expect(record.headers).toMatchObject({
        'event-type': 'clues.clue.submitted',
        'event-id': envelope.id,
        'schema-version': '1',
      });
    }
    for (const clue of clues) {
      const perAggregate = records.filter((r) => r.key === clue);
      expect(new Set(perAggregate.map((r) => r.partition)).size).toBe(1);
      const positions = perAggregate
        .sort((a, b) => Number(a.offset) - Number(b.offset))
        .map((r) => positionOf(JSON.parse(r.value ?? 'null')));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions).toHaveLength(5);
    }
    expect(await t.count('outbox_event WHERE published_at IS NULL')).toBe(0);
  });

  it('publishes each row once and each aggregate in order with two relays running on one outbox', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event]);
    const two = [0, 1].map(() => createOutboxRelay({ db: t.db, kafka, logger: testLogger, pollIntervalMs: 5, batchSize: 3 }));
    relays.push(...two);
    await Promise.all(two.map((r) => r.start()));
    // 300 rows of three aggregates in one commit: both relays find them at once, 3 a claim.
    const clues = [randomUUID(), randomUUID(), randomUUID()];
    await t.db.$transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await enqueueEvent(tx, event, clueEnvelope(event, clues[i % 3], Math.floor(i / 3) + 1));
    });
    await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: 'outbox drained' });
    const records = await readTopic(event.topic, 300);
    expect(records).toHaveLength(300);
    for (const clue of clues) {
      expect(records.filter((r) => r.key === clue).map((r) => positionOf(JSON.parse(r.value ?? 'null')))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    }
  });

  it('publishes a committed row at once when woken by the outbox trigger, long before its next poll', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event]);
    const { TEST_DATABASE } = await import('./support/database');
    const listening = createOutboxRelay({
      db: t.db,
      kafka,
      logger: testLogger,
      pollIntervalMs: 60_000,
      batchSize: 10,
      listen: { connectionString: `postgresql://${TEST_DATABASE.user}:${TEST_DATABASE.password}@${TEST_DATABASE.host}:${TEST_DATABASE.port}/${TEST_DATABASE.database}`, schema: t.schema },
    });
    relays.push(listening);
    await listening.start();
    // The first poll has run: from here on only a notification can publish within the minute.
    await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: 'the start-up poll' });
    const clue = randomUUID();
    for (let i = 1; i <= 3; i++) {
      const started = Date.now();
      await enqueue(event, [clueEnvelope(event, clue, i)]);
      await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: `row ${i} published on its notification`, timeoutMs: 5_000 });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(await recordCount(event.topic)).toBe(3);
  });

  it('with a linger, publishes the commits right behind a notification in the same transaction and Kafka request', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event]);
    const { TEST_DATABASE } = await import('./support/database');
    const lingering = createOutboxRelay({
      db: t.db,
      kafka,
      logger: testLogger,
      pollIntervalMs: 60_000,
      batchSize: 100,
      lingerMs: 400,
      listen: { connectionString: `postgresql://${TEST_DATABASE.user}:${TEST_DATABASE.password}@${TEST_DATABASE.host}:${TEST_DATABASE.port}/${TEST_DATABASE.database}`, schema: t.schema },
    });
    relays.push(lingering);
    await lingering.start();
    // A first event, published: the start-up poll is over and the relay waits for notifications.
    await enqueue(event, [clueEnvelope(event, randomUUID(), 0)]);
    await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: 'the first event' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Five commits 40 ms apart (each would be a batch of its own), inside the linger the first one's notification starts.
    const clue = randomUUID();
    const started = Date.now();
    for (let i = 1; i <= 5; i++) {
      await enqueue(event, [clueEnvelope(event, clue, i)]);
      if (i < 5) await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(Date.now() - started).toBeLessThan(350);
    await waitFor(async () => (await t.count('outbox_event WHERE published_at IS NULL')) === 0, { what: 'the five published', timeoutMs: 5_000 });
    // Marked in one transaction (now() is the transaction's), in order, each on Kafka once.
    expect(await t.count('(SELECT DISTINCT published_at FROM outbox_event WHERE key = $1) AS marks', clue)).toBe(1);
    expect((await readTopic(event.topic, 6)).map((r) => positionOf(JSON.parse(r.value ?? 'null'))).filter((p) => p > 0)).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends no notification while it is busy, and publishes without a poll a write that saw it busy and committed after its last claim', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event]);
    const { TEST_DATABASE } = await import('./support/database');
    const connectionString = `postgresql://${TEST_DATABASE.user}:${TEST_DATABASE.password}@${TEST_DATABASE.host}:${TEST_DATABASE.port}/${TEST_DATABASE.database}`;
    // The notifications the trigger sends for this schema.
    const watcher = new Client({ connectionString });
    await watcher.connect();
    let notifications = 0;
    watcher.on('notification', (n) => {
      if (n.payload === t.schema) notifications += 1;
    });
    await watcher.query('LISTEN pgov_outbox');
    const unpublished = () => t.count('outbox_event WHERE published_at IS NULL');
    const busy = createOutboxRelay({ db: t.db, kafka, logger: testLogger, pollIntervalMs: 60_000, batchSize: 1, listen: { connectionString, schema: t.schema } });
    relays.push(busy);
    try {
      await busy.start();
      await waitFor(async () => (await unpublished()) === 0, { what: 'the start-up poll' });
      // 500 rows in one commit (one notification), one per claim: the relay is busy for a while, holding "awake".
      const clue = randomUUID();
      await t.db.$transaction(async (tx) => {
        for (let i = 1; i <= 500; i++) await enqueueEvent(tx, event, clueEnvelope(event, clue, i));
      });
      await waitFor(async () => (await t.count(`pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND mode = 'ExclusiveLock'
          AND classid::bigint = (hashtext('pgov.outbox.awake')::bigint + 4294967296) % 4294967296 AND objid::bigint = (hashtext($1)::bigint + 4294967296) % 4294967296`, t.schema)) === 1, { what: 'the relay awake' });
      // Commits while it is busy notify no one; one more writer saw it busy and is still in flight.
      for (let i = 501; i <= 510; i++) await enqueue(event, [clueEnvelope(event, clue, i)]);
      const writer = await t.pool.connect();
      try {
        await writer.query('BEGIN');
        await enqueueEvent({ $executeRawUnsafe: async (q, ...v) => (await writer.query(q, v)).rowCount ?? 0, $queryRawUnsafe: async (q, ...v) => (await writer.query(q, v)).rows }, event, clueEnvelope(event, clue, 511));
        expect(await t.count('outbox_event WHERE published_at IS NOT NULL')).toBeLessThan(500);
        await waitFor(async () => (await unpublished()) === 0, { what: 'all but the row in flight published', timeoutMs: 30_000 });
        // It has found nothing more and waits for the writer that saw it awake, instead of sleeping.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await writer.query('COMMIT');
      } finally {
        writer.release();
      }
      await waitFor(async () => (await unpublished()) === 0, { what: 'the late commit published, long before a poll', timeoutMs: 5_000 });
      expect(notifications).toBe(1);
      // Asleep now: the next write notifies, and is published at once.
      await enqueue(event, [clueEnvelope(event, clue, 512)]);
      await waitFor(async () => (await unpublished()) === 0 && notifications === 2, { what: 'a write to a sleeping relay published on its notification', timeoutMs: 5_000 });
      expect((await readTopic(event.topic, 512)).map((r) => positionOf(JSON.parse(r.value ?? 'null')))).toEqual(Array.from({ length: 512 }, (_, i) => i + 1));
    } finally {
      await watcher.end();
    }
  });

  it('keeps rows it could not send and publishes them once the topic exists', async () => {
    const event = clueEventOnOwnTopic(suffix()); // topic not created yet: the broker refuses it
    topics.push(event.topic);
    const envelope = clueEnvelope(event);
    await enqueue(event, [envelope]);
    const r = createOutboxRelay({ db: t.db, kafka, logger: testLogger, pollIntervalMs: 50, batchSize: 10, maxBackoffMs: 200 });
    relays.push(r);
    await expect(r.flush({ timeoutMs: 1_500 })).rejects.toThrow();
    expect(await t.count('outbox_event WHERE id = $1 AND published_at IS NULL', envelope.id)).toBe(1);

    await ensureTopics(kafka, [event]);
    await r.start();
    await waitFor(async () => (await t.count('outbox_event WHERE id = $1 AND published_at IS NOT NULL', envelope.id)) === 1, {
      what: 'row published after the topic appeared',
      timeoutMs: 30_000,
    });
    expect(await recordCount(event.topic)).toBe(1);
  });
});
