// The consumer through a database outage, on the real broker and PostgreSQL: the server is never
// stopped; the outage is a database of the test's own refusing connections and/or having its
// backends terminated (support/outage.ts), or a handler terminating its own backend.
import { randomUUID } from 'node:crypto';
import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import { isTransientFailure } from '@pgov/errors';
import { createEventConsumer, ensureTopics, on, processBatch, type EventConsumer, type KafkaConnection, type MessagingLogger, type RawSql } from '../src';
import { createOwnDatabase, createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, positionOf, type TestEvent } from './support/events';
import { deleteTopics, produceRaw, recordCount, suffix, testKafka, testLogger, waitFor } from './support/kafka';
import { startOutage } from './support/outage';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const report = (fields: Record<string, unknown>, message: string) => testLogger.info(fields, message);

/** testLogger that also keeps the warning and info lines, to count them. */
function keptLogger(): MessagingLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: 'info' | 'warn') => (fields: Record<string, unknown>, message?: string) => {
    lines.push(`${level} ${message}`);
    testLogger[level](fields, message);
  };
  return { ...testLogger, info: keep('info'), warn: keep('warn'), lines };
}

describe('event consumer through a database outage (real PostgreSQL and Kafka)', () => {
  let kafka: KafkaConnection;
  const topics: string[] = [];
  const consumers: EventConsumer[] = [];
  const databases: TestDatabase[] = [];

  beforeAll(() => {
    kafka = testKafka();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await Promise.all(databases.splice(0).map((d) => d.close()));
  });
  afterAll(() => deleteTopics(topics));

  async function freshTopic(): Promise<TestEvent> {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event], { partitions: 3 });
    return event;
  }

  const send = (event: TestEvent, envelopes: EventEnvelope[]) =>
    produceRaw(event.topic, envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })));

  /** Handler effect: one handled_event row per call (no uniqueness: a second application shows). */
  const record = (group: string) => async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
    await tx.$executeRawUnsafe(
      'INSERT INTO handled_event (consumer, event_id, subject, position) VALUES ($1, $2::uuid, $3, $4)',
      group,
      envelope.id,
      envelope.subject,
      positionOf(envelope),
    );
  };

  function start(
    t: TestDatabase,
    event: TestEvent,
    group: string,
    handle: (e: EventEnvelope<ClueSubmittedData>, tx: RawSql) => Promise<void>,
    extra: { maxEventsPerTransaction?: number; logger?: MessagingLogger } = {},
  ) {
    const consumer = createEventConsumer({
      kafka,
      groupId: group,
      db: t.db,
      handlers: [on(event, handle)],
      logger: testLogger,
      fromBeginning: true,
      retryDelayMs: 10,
      maxWaitTimeMs: 250,
      partitionsConsumedConcurrently: 3,
      ...extra,
    });
    consumers.push(consumer);
    return consumer;
  }

  /** Counts that a terminated connection may interrupt: a failed count is "not yet". */
  const countNow = (t: TestDatabase, sql: string, ...values: unknown[]) => t.count(sql, ...values).catch(() => -1);

  /** Every event handled exactly once, per-aggregate order kept, nothing dead-lettered. */
  async function expectEachAppliedOnce(t: TestDatabase, event: TestEvent, group: string, envelopes: EventEnvelope[]) {
    expect(await t.count('processed_event WHERE consumer = $1', group)).toBe(envelopes.length);
    const { rows } = await t.pool.query<{ event_id: string; n: number }>(
      'SELECT event_id::text, count(*)::int AS n FROM handled_event WHERE consumer = $1 GROUP BY event_id',
      [group],
    );
    expect(rows).toHaveLength(envelopes.length);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(envelopes.map((e) => e.id)));
    const bySubject = await t.pool.query<{ positions: number[] }>(
      'SELECT array_agg(position ORDER BY n) AS positions FROM handled_event WHERE consumer = $1 GROUP BY subject',
      [group],
    );
    for (const { positions } of bySubject.rows) expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await recordCount(event.dlqTopic)).toBe(0);
  }

  it('retries a handler whose connection is terminated (57P01) more times than maxAttempts, never dead-letters it', async () => {
    const t = await createTestDatabase();
    databases.push(t);
    const event = await freshTopic();
    const group = `g-kill-${suffix()}`;
    const clue = randomUUID();
    const envelopes = Array.from({ length: 6 }, (_, i) => clueEnvelope(event, clue, i + 1));
    const victim = envelopes[2];
    let killed = 0;
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await record(group)(envelope, tx);
      // What a restart does to the connection in the middle of the handler, four times (maxAttempts is 3).
      if (envelope.id === victim?.id && killed < 4) {
        killed += 1;
        await tx.$queryRawUnsafe('SELECT pg_terminate_backend(pg_backend_pid())');
      }
    };
    await send(event, envelopes);
    const consumer = start(t, event, group, handle);
    await consumer.start();
    await waitFor(async () => (await countNow(t, 'processed_event WHERE consumer = $1', group)) === envelopes.length, { what: 'all events processed', timeoutMs: 30_000 });
    expect(killed).toBe(4);
    await expectEachAppliedOnce(t, event, group, envelopes);
    await waitFor(() => consumer.readiness(), { what: 'ready again' });
  });

  it('processBatch without an outage wait throws a transient failure: nothing committed, nothing dead-lettered', async () => {
    const t = await createTestDatabase();
    databases.push(t);
    const event = clueEventOnOwnTopic(suffix());
    const group = `g-direct-${suffix()}`;
    const deadLetters: string[] = [];
    const [first, second] = [clueEnvelope(event), clueEnvelope(event)];
    const envelopes = [first, second];
    const context = {
      consumer: group,
      db: t.db,
      logger: testLogger,
      deadLetter: async (_m: unknown, reason: string) => void deadLetters.push(reason),
      handlers: [
        on(event, async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
          await record(group)(envelope, tx);
          if (envelope.id === second.id) await tx.$queryRawUnsafe('SELECT pg_terminate_backend(pg_backend_pid())');
        }),
      ],
    };
    const messages = envelopes.map((e, i) => ({ topic: event.topic, partition: 0, offset: String(i), key: e.subject, value: JSON.stringify(e) }));
    const failure = await processBatch(context, messages).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isTransientFailure(failure)).toBe(true);
    expect(deadLetters).toEqual([]);
    expect(await t.count('processed_event WHERE consumer = $1', group)).toBe(0);
    expect(await t.count('handled_event WHERE consumer = $1', group)).toBe(0);
  });

  it.each([
    ['refuses connections for 3 s (a restart)', { refuse: true, ms: 3_000 }],
    ['terminates every connection for 2 s (new ones get in, and are terminated too)', { refuse: false, ms: 2_000 }],
  ])('when the database %s, waits it out: each event applied once, none dead-lettered, not ready meanwhile, caught up within seconds', async (_name, { refuse, ms }) => {
    const t = await createOwnDatabase();
    databases.push(t);
    const event = await freshTopic();
    const group = `g-outage-${suffix()}`;
    const clues = Array.from({ length: 30 }, () => randomUUID());
    const envelopes = Array.from({ length: 600 }, (_, i) => clueEnvelope(event, clues[i % clues.length], i + 1));
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await tx.$queryRawUnsafe('SELECT pg_sleep(0.005)');
      await record(group)(envelope, tx);
    };
    await send(event, envelopes);
    const logger = keptLogger();
    const consumer = start(t, event, group, handle, { maxEventsPerTransaction: 20, logger });
    await consumer.start();
    await waitFor(async () => (await countNow(t, 'processed_event WHERE consumer = $1', group)) >= 60, { what: 'first events processed', timeoutMs: 30_000 });

    const outage = await startOutage(t.database, { refuse });
    let ended: number;
    let wasUnready = false;
    try {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (!consumer.readiness()) wasUnready = true;
        await sleep(20);
      }
    } finally {
      ended = await outage.end();
    }
    await waitFor(async () => (await countNow(t, 'processed_event WHERE consumer = $1', group)) === envelopes.length, { what: 'all events processed', timeoutMs: 60_000 });
    const caughtUpMs = Date.now() - ended;
    const { rows } = await t.pool.query<{ ms: number | null }>(
      'SELECT (extract(epoch FROM min(processed_at)) * 1000 - $2::float8)::float8 AS ms FROM processed_event WHERE consumer = $1 AND processed_at > to_timestamp($2::float8 / 1000)',
      [group, ended],
    );
    report({ refuse, outageMs: ms, resumedAfterMs: rows[0]?.ms, caughtUpMs }, 'consumer outage');

    await expectEachAppliedOnce(t, event, group, envelopes);
    expect(wasUnready).toBe(true);
    await waitFor(() => consumer.readiness(), { what: 'ready again', timeoutMs: 5_000 });
    // However many attempts and partitions: one warning when it began, one line when it ended.
    expect(logger.lines.filter((l) => /database|dead-letter|handler failed/.test(l))).toEqual([
      expect.stringMatching(/^warn database unavailable/),
      expect.stringMatching(/^info database answers again/),
    ]);
    // Back-off is capped at 1 s: the first run after the outage commits well within a few seconds.
    expect(rows[0]?.ms ?? 0).toBeLessThan(5_000);
    expect(caughtUpMs).toBeLessThan(8_000);
  });

  it('stops promptly during an outage; the next consumer of the group applies the uncommitted run exactly once', async () => {
    const t = await createOwnDatabase();
    databases.push(t);
    const event = await freshTopic();
    const group = `g-stop-${suffix()}`;
    const envelopes = Array.from({ length: 600 }, (_, i) => clueEnvelope(event, randomUUID(), i + 1));
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await tx.$queryRawUnsafe('SELECT pg_sleep(0.005)');
      await record(group)(envelope, tx);
    };
    await send(event, envelopes);
    const first = start(t, event, group, handle, { maxEventsPerTransaction: 10 });
    await first.start();
    await waitFor(async () => (await countNow(t, 'processed_event WHERE consumer = $1', group)) >= 20, { what: 'first events processed', timeoutMs: 30_000 });

    const outage = await startOutage(t.database);
    let stopMs: number;
    try {
      await waitFor(() => !first.readiness(), { what: 'consumer waiting for the database', timeoutMs: 10_000 });
      const stopping = Date.now();
      await first.stop();
      stopMs = Date.now() - stopping;
    } finally {
      await outage.end();
    }
    report({ stopMs }, 'consumer stopped during an outage');
    expect(stopMs).toBeLessThan(3_000);
    expect(await countNow(t, 'processed_event WHERE consumer = $1', group)).toBeLessThan(envelopes.length);

    const second = start(t, event, group, handle, { maxEventsPerTransaction: 10 });
    await second.start();
    await waitFor(async () => (await countNow(t, 'processed_event WHERE consumer = $1', group)) === envelopes.length, { what: 'all events processed', timeoutMs: 30_000 });
    await expectEachAppliedOnce(t, event, group, envelopes);
  });
});
