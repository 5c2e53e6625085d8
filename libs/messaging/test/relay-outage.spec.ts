// The outbox relay through a database outage, on the real broker and PostgreSQL (the server is never
// stopped: a database of the test's own refuses connections and has its backends terminated).
import { randomUUID } from 'node:crypto';
import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import { createOutboxRelay, enqueueEvent, ensureTopics, type KafkaConnection, type OutboxRelay } from '../src';
import { createOwnDatabase, TEST_DATABASE, type OwnDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, positionOf, type TestEvent } from './support/events';
import { deleteTopics, readTopic, recordCount, suffix, testKafka, testLogger, waitFor } from './support/kafka';
import { startOutage } from './support/outage';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('outbox relay through a database outage (real PostgreSQL and Kafka)', () => {
  let t: OwnDatabase;
  let kafka: KafkaConnection;
  let relay: OutboxRelay | undefined;
  let event: TestEvent;

  beforeAll(async () => {
    t = await createOwnDatabase();
    kafka = testKafka();
    event = clueEventOnOwnTopic(suffix());
    await ensureTopics(kafka, [event]);
  });
  afterAll(async () => {
    await relay?.stop();
    await t.close();
    await deleteTopics([event.topic]);
  });

  async function enqueue(envelopes: EventEnvelope<ClueSubmittedData>[], perTransaction = 50) {
    for (let i = 0; i < envelopes.length; i += perTransaction) {
      await t.db.$transaction(async (tx) => {
        for (const envelope of envelopes.slice(i, i + perTransaction)) await enqueueEvent(tx, event, envelope);
      });
    }
  }
  const pending = () => t.count('outbox_event WHERE published_at IS NULL').catch(() => -1);

  it('resumes publishing in order within seconds after the database comes back; nothing lost', async () => {
    const clues = Array.from({ length: 5 }, () => randomUUID());
    const before = Array.from({ length: 3_000 }, (_, i) => clueEnvelope(event, clues[i % clues.length], i + 1));
    await enqueue(before);
    // As the services run it: 200 ms poll, 100 rows a transaction, woken by LISTEN/NOTIFY.
    relay = createOutboxRelay({
      db: t.db,
      kafka,
      logger: testLogger,
      pollIntervalMs: 200,
      batchSize: 100,
      listen: { connectionString: `postgresql://${TEST_DATABASE.user}:${TEST_DATABASE.password}@${TEST_DATABASE.host}:${TEST_DATABASE.port}/${t.database}` },
    });
    await relay.start();
    await waitFor(async () => (await pending()) <= 2_700, { what: 'publishing under way' });

    const outage = await startOutage(t.database);
    let ended: number;
    let wasUnready = false;
    try {
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        if (!relay.readiness()) wasUnready = true;
        await sleep(20);
      }
    } finally {
      ended = await outage.end();
    }
    const after = Array.from({ length: 10 }, (_, i) => clueEnvelope(event, clues[i % clues.length], before.length + i + 1));
    await enqueue(after);
    await waitFor(async () => (await pending()) === 0, { what: 'outbox drained', timeoutMs: 60_000 });
    const drainedMs = Date.now() - ended;
    testLogger.info({ drainedMs }, 'relay outage');

    const all = [...before, ...after];
    const records = await readTopic(event.topic, await recordCount(event.topic));
    const firsts = new Map<string, { offset: number; key: string | null; position: number }>();
    for (const record of records) {
      const envelope = JSON.parse(record.value ?? 'null') as EventEnvelope<ClueSubmittedData>;
      const seen = firsts.get(envelope.id);
      if (!seen || Number(record.offset) < seen.offset) firsts.set(envelope.id, { offset: Number(record.offset), key: record.key, position: positionOf(envelope) });
    }
    expect(new Set(firsts.keys())).toEqual(new Set(all.map((e) => e.id))); // at least once: none lost
    for (const clue of clues) {
      const positions = [...firsts.values()].filter((f) => f.key === clue).sort((a, b) => a.offset - b.offset).map((f) => f.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b)); // per aggregate, in seq order
    }
    expect(wasUnready).toBe(true);
    await waitFor(() => relay?.readiness() === true, { what: 'relay ready again', timeoutMs: 5_000 });
    expect(drainedMs).toBeLessThan(8_000);
  });
});
