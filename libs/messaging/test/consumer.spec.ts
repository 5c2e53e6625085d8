import { randomUUID } from 'node:crypto';
import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import {
  createEventConsumer,
  ensureTopics,
  on,
  processBatch,
  processMessage,
  type EventConsumer,
  type KafkaConnection,
  type RawSql,
} from '../src';
import { createOwnDatabase, createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, positionOf, type TestEvent } from './support/events';
import { deleteTopics, produceRaw, readTopic, suffix, testKafka, testLogger, waitFor, withProducer } from './support/kafka';

describe('event consumer (real PostgreSQL and Kafka)', () => {
  let t: TestDatabase;
  let kafka: KafkaConnection;
  const topics: string[] = [];
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    kafka = testKafka();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await t.close();
    await deleteTopics(topics);
  });

  async function freshTopic(): Promise<TestEvent> {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event], { partitions: 3 });
    return event;
  }

  /** Handler effect: one handled_event row per call, in the same transaction. */
  const record = (group: string) => async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
    await tx.$executeRawUnsafe(
      'INSERT INTO handled_event (consumer, event_id, subject, position) VALUES ($1, $2::uuid, $3, $4)',
      group,
      envelope.id,
      envelope.subject,
      positionOf(envelope),
    );
  };

  function start(event: TestEvent, group: string, handle = record(group), extra: { maxAttempts?: number; maxEventsPerTransaction?: number; fetchLingerMs?: number } = {}) {
    const consumer = createEventConsumer({
      kafka,
      groupId: group,
      db: t.db,
      handlers: [on(event, handle)],
      logger: testLogger,
      fromBeginning: true,
      retryDelayMs: 10,
      maxWaitTimeMs: 250,
      ...extra,
    });
    consumers.push(consumer);
    return consumer;
  }

  const send = (event: TestEvent, envelopes: EventEnvelope[]) =>
    produceRaw(
      event.topic,
      envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-type': e.type, 'event-id': e.id } })),
    );

  it('applies an event delivered twice only once', async () => {
    const event = await freshTopic();
    const group = `g-dup-${suffix()}`;
    const twice = clueEnvelope(event);
    const other = clueEnvelope(event);
    await send(event, [twice, twice, other, twice]);

    const consumer = start(event, group);
    await consumer.start();
    await waitFor(async () => (await t.count('processed_event WHERE consumer = $1', group)) === 2, { what: 'two events processed' });
    await waitFor(() => consumer.readiness(), { what: 'consumer ready' });
    // The copies come after `other` on the same partition only if keys match; wait for all offsets by a marker.
    const marker = clueEnvelope(event, twice.subject);
    await send(event, [marker]);
    await waitFor(async () => (await t.count('handled_event WHERE event_id = $1', marker.id)) === 1, { what: 'marker handled' });

    expect(await t.count('handled_event WHERE consumer = $1 AND event_id = $2', group, twice.id)).toBe(1);
    expect(await t.count('handled_event WHERE consumer = $1 AND event_id = $2', group, other.id)).toBe(1);
  });

  it('processMessage reports applied, then duplicate, for the same record', async () => {
    const event = clueEventOnOwnTopic(suffix());
    const envelope = clueEnvelope(event);
    const group = `g-direct-${suffix()}`;
    const deadLetters: string[] = [];
    const context = {
      consumer: group,
      db: t.db,
      handlers: [on(event, record(group))],
      logger: testLogger,
      deadLetter: async (_m: unknown, reason: string) => void deadLetters.push(reason),
    };
    const message = { topic: event.topic, partition: 0, offset: '7', key: envelope.subject, value: JSON.stringify(envelope) };
    expect(await processMessage(context, message)).toEqual({ status: 'applied', eventId: envelope.id, attempts: 1 });
    expect(await processMessage(context, message)).toEqual({ status: 'duplicate', eventId: envelope.id });
    expect(await processMessage(context, { ...message, value: JSON.stringify({ ...envelope, type: 'grids.points.credited' }) })).toMatchObject({
      status: 'ignored',
    });
    expect(await processMessage(context, { ...message, topic: 'clues.clue.v1' })).toMatchObject({
      status: 'dead-lettered',
      reason: `clues.clue.submitted belongs on topic ${event.topic}, not clues.clue.v1`,
    });
    expect(await t.count('handled_event WHERE event_id = $1', envelope.id)).toBe(1);
    expect(deadLetters).toHaveLength(1);
  });

  it('processBatch applies a run in one transaction: duplicates within and across runs once, bad messages to the DLQ, a failing handler costing its neighbours nothing', async () => {
    const event = clueEventOnOwnTopic(suffix());
    const group = `g-batch-${suffix()}`;
    const deadLetters: string[] = [];
    let failOn: string | null = null;
    const attempts = new Map<string, number>();
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      attempts.set(envelope.id, (attempts.get(envelope.id) ?? 0) + 1);
      await record(group)(envelope, tx);
      if (envelope.id === failOn) throw new Error('refused');
    };
    const context = {
      consumer: group,
      db: t.db,
      handlers: [on(event, handle)],
      logger: testLogger,
      retryDelayMs: 1,
      deadLetter: async (_m: unknown, reason: string) => void deadLetters.push(reason),
    };
    const as = (e: EventEnvelope, offset: number) => ({ topic: event.topic, partition: 0, offset: String(offset), key: e.subject, value: JSON.stringify(e) });
    const envelopes = Array.from({ length: 6 }, () => clueEnvelope(event));
    const run = [...envelopes.map(as), as(envelopes[2]!, 6), { ...as(envelopes[0]!, 7), value: '{not json' }];
    const outcomes = await processBatch(context, run);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'duplicate', 'dead-lettered']);
    expect(await t.count('handled_event WHERE consumer = $1', group)).toBe(6);
    // The same events again (a redelivery after a crash before the offsets were committed).
    expect((await processBatch(context, envelopes.map(as))).every((o) => o.status === 'duplicate')).toBe(true);
    expect(await t.count('handled_event WHERE consumer = $1', group)).toBe(6);

    // A poison event in the middle of the next run: the others are applied, it goes to the DLQ after
    // its attempts (the run's try counts as its first), and nothing of it stays behind.
    const next = Array.from({ length: 5 }, () => clueEnvelope(event));
    failOn = next[2]!.id;
    const mixed = await processBatch({ ...context, maxAttempts: 3 }, next.map((e, i) => as(e, 10 + i)));
    expect(mixed.map((o) => o.status)).toEqual(['applied', 'applied', 'dead-lettered', 'applied', 'applied']);
    expect(attempts.get(next[2]!.id)).toBe(3);
    expect(await t.count('handled_event WHERE consumer = $1', group)).toBe(10);
    expect(await t.count('processed_event WHERE consumer = $1', group)).toBe(10);
    expect(deadLetters).toEqual([expect.stringContaining('not JSON'), 'handler failed after 3 attempts: refused']);
  });

  it('applies every event exactly once when stopped mid-stream and restarted', async () => {
    const event = await freshTopic();
    const group = `g-restart-${suffix()}`;
    const clues = Array.from({ length: 5 }, () => randomUUID());
    const envelopes = Array.from({ length: 40 }, (_, i) => clueEnvelope(event, clues[i % 5], i + 1));
    await send(event, envelopes);

    const slow = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await record(group)(envelope, tx);
    };
    // Runs of two events per transaction, so that stopping really leaves some of them for later.
    const first = start(event, group, slow, { maxEventsPerTransaction: 2 });
    await first.start();
    await waitFor(async () => (await t.count('handled_event WHERE consumer = $1', group)) >= 8, { what: 'first events handled' });
    await first.stop();
    const midway = await t.count('handled_event WHERE consumer = $1', group);
    expect(midway).toBeLessThan(40);

    const second = start(event, group, slow, { maxEventsPerTransaction: 2 });
    await second.start();
    await waitFor(async () => (await t.count('processed_event WHERE consumer = $1', group)) === 40, {
      what: 'all 40 processed',
      timeoutMs: 40_000,
    });
    expect(await t.count('handled_event WHERE consumer = $1', group)).toBe(40);
    const { rows } = await t.pool.query<{ subject: string; positions: number[] }>(
      'SELECT subject, array_agg(position ORDER BY n) AS positions FROM handled_event WHERE consumer = $1 GROUP BY subject',
      [group],
    );
    for (const row of rows) expect(row.positions).toEqual([...row.positions].sort((a, b) => a - b)); // per-aggregate order kept
  });

  it('sends malformed, unknown and invalid messages to the DLQ with a reason and goes on', async () => {
    const event = await freshTopic();
    const group = `g-dlq-${suffix()}`;
    const valid = clueEnvelope(event);
    const invalid = { ...clueEnvelope(event), data: { ...clueEnvelope(event).data, category: 'GOSSIP', extra: 1 } };
    const unknown = { ...clueEnvelope(event), type: 'clues.clue.teleported' };
    await produceRaw(event.topic, [
      { key: 'k-1', value: 'this is {not json', headers: { origin: 'test' } },
      { key: 'k-1', value: JSON.stringify(unknown) },
      { key: 'k-1', value: JSON.stringify(invalid) },
      { key: 'k-1', value: JSON.stringify(valid) },
    ]);

    const consumer = start(event, group);
    await consumer.start();
    await waitFor(async () => (await t.count('handled_event WHERE event_id = $1', valid.id)) === 1, { what: 'valid event handled' });

    const dead = await readTopic(event.dlqTopic, 3);
    expect(dead).toHaveLength(3);
    const [notJson, unknownType, schemaInvalid] = dead.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(notJson).toMatchObject({ key: 'k-1', value: 'this is {not json', headers: { origin: 'test' } });
    expect(notJson?.headers['dlq-reason']).toMatch(/^value is not JSON/);
    expect(notJson?.headers).toMatchObject({
      'dlq-original-topic': event.topic,
      'dlq-original-offset': '0',
      'dlq-consumer-group': group,
    });
    expect(notJson?.headers['dlq-original-partition']).toMatch(/^[0-2]$/);
    expect(unknownType?.headers['dlq-reason']).toBe('unknown event type "clues.clue.teleported"');
    expect(unknownType?.value).toBe(JSON.stringify(unknown));
    expect(schemaInvalid?.headers['dlq-reason']).toContain('invalid clues.clue.submitted v1');
    expect(schemaInvalid?.headers['dlq-reason']).toContain('/data/category: must be one of');
    // A property the contract does not know is dropped (tolerant reading), never a reason.
    expect(schemaInvalid?.headers['dlq-reason']).not.toContain('extra');
    expect(await t.count('processed_event WHERE consumer = $1', group)).toBe(1);
  });

  it('retries a failing handler, then dead-letters it with the error and goes on', async () => {
    const event = await freshTopic();
    const group = `g-fail-${suffix()}`;
    const poison = clueEnvelope(event);
    const flaky = clueEnvelope(event, poison.subject);
    const after = clueEnvelope(event, poison.subject);
    const attempts = new Map<string, number>();
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      const n = (attempts.get(envelope.id) ?? 0) + 1;
      attempts.set(envelope.id, n);
      await record(group)(envelope, tx); // rolled back whenever the handler throws below
      if (envelope.id === poison.id) throw new Error('ledger service says no');
      if (envelope.id === flaky.id && n === 1) throw new Error('transient');
    };
    await send(event, [poison, flaky, after]);

    const consumer = start(event, group, handle, { maxAttempts: 3 });
    await consumer.start();
    await waitFor(async () => (await t.count('handled_event WHERE event_id = $1', after.id)) === 1, { what: 'event after the failure handled' });

    expect(attempts.get(poison.id)).toBe(3);
    expect(attempts.get(flaky.id)).toBe(2);
    expect(await t.count('handled_event WHERE event_id = $1', poison.id)).toBe(0);
    expect(await t.count('handled_event WHERE event_id = $1', flaky.id)).toBe(1);
    expect(await t.count('processed_event WHERE event_id = $1', poison.id)).toBe(0);
    const [dead] = await readTopic(event.dlqTopic, 1);
    expect(dead?.headers['dlq-reason']).toBe('handler failed after 3 attempts: ledger service says no');
    expect(dead?.headers['event-id']).toBe(poison.id);
    expect(dead?.key).toBe(poison.subject);
  });

  it('with a fetch linger, applies an event on its own at once, and events sent back to back a few to a transaction', async () => {
    const event = await freshTopic();
    const group = `g-linger-${suffix()}`;
    // Each handled event records its transaction.
    const byTransaction = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await tx.$executeRawUnsafe(
        'INSERT INTO handled_event (consumer, event_id, subject, position) VALUES ($1, $2::uuid, txid_current()::text, $3)',
        group,
        envelope.id,
        positionOf(envelope),
      );
    };
    const consumer = start(event, group, byTransaction, { fetchLingerMs: 2_000 });
    await consumer.start();
    await waitFor(async () => consumer.readiness(), { what: 'joined' });
    const transactions = () => t.count('(SELECT DISTINCT subject FROM handled_event WHERE consumer = $1) AS tx', group);
    await withProducer(async (produce) => {
      const message = (e: EventEnvelope) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-type': e.type, 'event-id': e.id } });
      // The consumer waits at the broker: a lone event is applied without waiting out the linger.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sent = Date.now();
      await produce(event.topic, [message(clueEnvelope(event, randomUUID(), 1))]);
      await waitFor(async () => (await t.count('handled_event WHERE consumer = $1', group)) === 1, { what: 'the lone event', timeoutMs: 10_000 });
      expect(Date.now() - sent).toBeLessThan(1_500);
      // Thirty events, one send each, back to back: the next fetch comes after the linger and takes them together.
      for (let i = 2; i <= 31; i++) await produce(event.topic, [message(clueEnvelope(event, randomUUID(), i))]);
    });
    await waitFor(async () => (await t.count('handled_event WHERE consumer = $1', group)) === 31, { what: 'all 31 applied', timeoutMs: 15_000 });
    // One for the lone event, then one per partition (a fetch brings each partition's batch); one more
    // if the last sends missed that fetch. Without the linger: 11 here, one fetch per few events.
    expect(await transactions()).toBeLessThanOrEqual(5);
  });

  it('tells how far behind each partition is and each message it dead-letters (for the metrics)', async () => {
    const event = await freshTopic();
    const group = `g-obs-${suffix()}`;
    const lags: { topic: string; lag: number }[] = [];
    const dead: { topic: string; reason: string }[] = [];
    const valid = clueEnvelope(event);
    await produceRaw(event.topic, [{ key: valid.subject, value: 'not json' }]);
    await send(event, [valid]);
    const consumer = createEventConsumer({
      kafka,
      groupId: group,
      db: t.db,
      handlers: [on(event, record(group))],
      logger: testLogger,
      fromBeginning: true,
      maxWaitTimeMs: 250,
      onLag: (topic, _partition, lag) => lags.push({ topic, lag }),
      onDeadLetter: (topic, reason) => dead.push({ topic, reason }),
    });
    consumers.push(consumer);
    await consumer.start();
    await waitFor(async () => (await t.count('handled_event WHERE event_id = $1', valid.id)) === 1, { what: 'valid event handled' });
    await waitFor(async () => dead.length === 1 && lags.length > 0, { what: 'the callbacks' });
    expect(dead[0]).toEqual({ topic: event.topic, reason: expect.stringMatching(/^value is not JSON/) });
    expect(lags.every((l) => l.topic === event.topic && l.lag >= 0)).toBe(true);
    expect(consumer.alive()).toBe(true);
  });

  it('is no longer alive once its client crashed and will not restart (liveness fails, the process is replaced)', async () => {
    const own = await createOwnDatabase();
    try {
      const event = await freshTopic();
      // Not a database outage (which is waited out): the table is gone, every run fails the same way.
      await own.pool.query('DROP TABLE processed_event');
      await send(event, [clueEnvelope(event)]);
      const consumer = createEventConsumer({
        kafka,
        groupId: `g-dead-${suffix()}`,
        db: own.db,
        handlers: [on(event, async () => undefined)],
        logger: testLogger,
        fromBeginning: true,
        maxWaitTimeMs: 250,
        restartOnFailure: async () => false,
      });
      consumers.push(consumer);
      await consumer.start();
      expect(consumer.alive()).toBe(true);
      await waitFor(async () => !consumer.alive(), { what: 'the crash for good', timeoutMs: 30_000 });
      expect(consumer.readiness()).toBe(false);
    } finally {
      await own.close();
    }
  });
});
