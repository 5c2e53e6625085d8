// A run longer than the session timeout, on the real broker and PostgreSQL: the consumer heartbeats
// between the run's events, so the group keeps the member (same member id, no rebalance) and no
// event is applied twice or redone. A short session (6 s, the broker's floor) keeps it quick.
import { randomUUID } from 'node:crypto';
import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import { createEventConsumer, ensureTopics, on, physicalGroupId, type EventConsumer, type KafkaConnection, type RawSql } from '../src';
import { createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, positionOf } from './support/events';
import { deleteTopics, produceRaw, suffix, testKafka, testLogger, waitFor, withAdmin } from './support/kafka';

const SESSION_MS = 6_000;
const EVENTS = 12;
/** Per event: the run of EVENTS takes 8.4 s, longer than the session. */
const EVENT_MS = 700;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event consumer: a run longer than the session timeout (real PostgreSQL and Kafka)', () => {
  let t: TestDatabase;
  let kafka: KafkaConnection;
  const topics: string[] = [];
  let consumer: EventConsumer | undefined;

  beforeAll(async () => {
    t = await createTestDatabase();
    kafka = testKafka();
  });
  afterAll(async () => {
    await consumer?.stop();
    await t.close();
    await deleteTopics(topics);
  });

  it('keeps its membership through the run: same member, each event applied once, offsets committed', async () => {
    const event = clueEventOnOwnTopic(suffix());
    topics.push(event.topic);
    await ensureTopics(kafka, [event], { partitions: 1 });
    const group = `membership-${suffix()}`;
    const kafkaGroup = physicalGroupId(kafka, group);
    const clueId = randomUUID();
    const envelopes = Array.from({ length: EVENTS }, (_, i) => clueEnvelope(event, clueId, i + 1));
    await produceRaw(event.topic, envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })));

    // Every handler call (a redone run would call them again) with its transaction and when it ended.
    const calls: { id: string; txid: string; at: number }[] = [];
    const memberIds = async () =>
      withAdmin(async (admin) => {
        const { groups } = await admin.describeGroups([kafkaGroup]);
        return { state: groups[0]?.state, members: (groups[0]?.members ?? []).map((m) => m.memberId) };
      });
    let during: { state: string | undefined; members: string[] } | undefined;
    const handle = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
      await tx.$executeRawUnsafe(
        'INSERT INTO handled_event (consumer, event_id, subject, position) VALUES ($1, $2::uuid, $3, $4)',
        group,
        envelope.id,
        envelope.subject,
        positionOf(envelope),
      );
      const [row] = (await tx.$queryRawUnsafe('SELECT txid_current()::text AS txid')) as { txid: string }[];
      if (calls.length === 0) during = await memberIds();
      await sleep(EVENT_MS);
      calls.push({ id: envelope.id, txid: row!.txid, at: Date.now() });
    };
    consumer = createEventConsumer({
      kafka,
      groupId: group,
      db: t.db,
      handlers: [on(event, handle)],
      logger: testLogger,
      fromBeginning: true,
      maxWaitTimeMs: 250,
      sessionTimeoutMs: SESSION_MS,
      heartbeatIntervalMs: 1_000,
      // One run for all the events, however slow: the case a short session used to lose.
      maxEventsPerTransaction: EVENTS,
      maxRunMs: 60_000,
    });
    await consumer.start();

    await waitFor(async () => Number((await t.pool.query('SELECT count(*) AS n FROM handled_event WHERE consumer = $1', [group])).rows[0].n) >= EVENTS, { timeoutMs: 60_000, what: 'all events handled' });
    const committed = async () =>
      withAdmin(async (admin) => {
        const [offsets] = await admin.fetchOffsets({ groupId: kafkaGroup, topics: [event.topic] });
        return offsets?.partitions[0]?.offset;
      });
    await waitFor(async () => (await committed()) === String(EVENTS), { timeoutMs: 20_000, what: 'the offsets committed' });
    const after = await memberIds();

    // What the test is about: one transaction held all the events and lasted longer than the session.
    const txids = new Set(calls.map((c) => c.txid));
    expect(txids.size).toBe(1);
    expect(calls.at(-1)!.at - calls[0]!.at + EVENT_MS).toBeGreaterThan(SESSION_MS);
    // No redo: each event's handler ran once (a rolled-back run would have run them again).
    expect(calls.map((c) => c.id).sort()).toEqual(envelopes.map((e) => e.id).sort());
    const { rows } = await t.pool.query('SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM handled_event WHERE consumer = $1', [group]);
    expect(rows[0]).toEqual({ n: String(EVENTS), d: String(EVENTS) });
    // No rebalance: the member that started the run is the group's only member after it.
    expect(during?.members).toHaveLength(1);
    expect(after).toEqual({ state: 'Stable', members: during!.members });
    expect(consumer.readiness()).toBe(true);
  }, 120_000);
});
