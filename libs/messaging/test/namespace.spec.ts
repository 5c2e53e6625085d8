import type { ClueSubmittedData, EventEnvelope } from '@pgov/contracts';
import {
  createEventConsumer,
  createKafka,
  createOutboxRelay,
  enqueueEvent,
  ensureTopics,
  logicalTopic,
  on,
  physicalGroupId,
  physicalTopic,
  processMessage,
  type EventConsumer,
  type KafkaConnection,
  type OutboxRelay,
  type RawSql,
} from '../src';
import { createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic, type TestEvent } from './support/events';
import { BROKERS, deleteTopics, produceRaw, readTopic, recordCount, suffix, testKafka, testLogger, waitFor, withAdmin } from './support/kafka';

describe('namespace: names', () => {
  it('is empty by default and prefixes topics and groups otherwise', () => {
    const plain = createKafka({ clientId: 'x', brokers: BROKERS });
    expect(plain.namespace).toBe('');
    expect(createKafka({ clientId: 'x', brokers: BROKERS, namespace: '' }).namespace).toBe('');
    expect(physicalTopic(plain, 'clues.clue.v1')).toBe('clues.clue.v1');

    const spaced = createKafka({ clientId: 'x', brokers: BROKERS, namespace: 'test-3f9a.' });
    expect(spaced.namespace).toBe('test-3f9a.');
    expect(physicalTopic(spaced, 'clues.clue.v1')).toBe('test-3f9a.clues.clue.v1');
    expect(logicalTopic(spaced, 'test-3f9a.clues.clue.v1')).toBe('clues.clue.v1');
    expect(physicalGroupId(spaced, 'grids')).toBe('test-3f9a.grids');
    expect(() => logicalTopic(spaced, 'clues.clue.v1')).toThrow('not in namespace "test-3f9a."');
    expect(() => logicalTopic(spaced, 'test-3f9a.')).toThrow('not in namespace');
  });

  it.each([
    ['a space', 'has space '],
    ['a slash', 'slash/'],
    ['a non-ASCII letter', 'ümlaut.'],
    ['249 characters', 'x'.repeat(249)],
  ])('refuses a namespace with %s', (_why, namespace) => {
    expect(() => createKafka({ clientId: 'x', brokers: BROKERS, namespace })).toThrow(/Kafka namespace/);
  });

  it('refuses a physical topic longer than Kafka allows, DLQs included', async () => {
    const kafka = createKafka({ clientId: 'x', brokers: BROKERS, namespace: 'n'.repeat(240) });
    expect(physicalTopic(kafka, 'abc.b.v1')).toHaveLength(248);
    expect(() => physicalTopic(kafka, 'abcdef.b.v1')).toThrow(/is 251 characters \(limit 249\)/);
    expect(() => physicalTopic(kafka, 'bad topic')).toThrow(/invalid Kafka topic name/);
    // abc.b.v1 fits, its DLQ does not: refused before anything is created.
    await expect(ensureTopics(kafka, [{ ...clueEventOnOwnTopic('x'), topic: 'abc.b.v1', dlqTopic: 'abc.b.v1.dlq' }])).rejects.toThrow(
      /abc\.b\.v1\.dlq" is 252 characters/,
    );
  });
});

describe('namespace: two environments on one cluster (real PostgreSQL and Kafka)', () => {
  const event: TestEvent = clueEventOnOwnTopic(suffix()); // one logical topic for both
  const groupId = `g-ns-${suffix()}`; // and one group id
  const envs = ['a', 'b'].map((name) => ({ name, namespace: `t${suffix()}-${name}.` }));
  let a: Env;
  let b: Env;
  const consumers: EventConsumer[] = [];
  const relays: OutboxRelay[] = [];

  interface Env {
    namespace: string;
    kafka: KafkaConnection;
    t: TestDatabase;
  }

  beforeAll(async () => {
    [a, b] = await Promise.all(
      envs.map(async ({ namespace }) => ({ namespace, kafka: testKafka({ namespace }), t: await createTestDatabase() })),
    ) as [Env, Env];
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await Promise.all([a, b].map((env) => env?.t.close()));
    await deleteTopics([a, b].filter(Boolean).map((env) => physicalTopic(env.kafka, event.topic)));
  });

  const record = async (envelope: EventEnvelope<ClueSubmittedData>, tx: RawSql) => {
    await tx.$executeRawUnsafe(
      'INSERT INTO handled_event (consumer, event_id, subject) VALUES ($1, $2::uuid, $3)',
      groupId,
      envelope.id,
      envelope.subject,
    );
  };

  function consume(env: Env): EventConsumer {
    const consumer = createEventConsumer({
      kafka: env.kafka,
      groupId,
      db: env.t.db,
      handlers: [on(event, record)],
      logger: testLogger,
      fromBeginning: true,
      retryDelayMs: 10,
      maxWaitTimeMs: 250,
    });
    consumers.push(consumer);
    return consumer;
  }

  async function relayAll(env: Env, envelopes: EventEnvelope<ClueSubmittedData>[]): Promise<void> {
    for (const envelope of envelopes) await env.t.db.$transaction((tx) => enqueueEvent(tx, event, envelope));
    const relay = createOutboxRelay({ db: env.t.db, kafka: env.kafka, logger: testLogger, pollIntervalMs: 50, batchSize: 10 });
    relays.push(relay);
    expect(await relay.flush()).toBe(envelopes.length);
  }

  const handledIds = async (env: Env) =>
    (await env.t.pool.query<{ id: string }>('SELECT event_id::text AS id FROM handled_event ORDER BY n')).rows.map((r) => r.id).sort();

  it('creates namespaced topics and DLQs', async () => {
    for (const env of [a, b]) {
      expect(await ensureTopics(env.kafka, [event])).toEqual([`${env.namespace}${event.topic}`, `${env.namespace}${event.dlqTopic}`]);
      expect(await ensureTopics(env.kafka, [event])).toEqual([]);
    }
    const topics = await withAdmin((admin) => admin.listTopics());
    expect(topics).not.toContain(event.topic);
    expect(topics).not.toContain(event.dlqTopic);
  });

  it('keeps each namespace’s events and consumer group to itself', async () => {
    const fromA = Array.from({ length: 6 }, () => clueEnvelope(event));
    const fromB = Array.from({ length: 4 }, () => clueEnvelope(event));
    await relayAll(a, fromA);
    await relayAll(b, fromB);

    // The outbox keeps logical names; Kafka has the events under the namespaced names only.
    const { rows } = await a.t.pool.query<{ topic: string }>('SELECT DISTINCT topic FROM outbox_event');
    expect(rows).toEqual([{ topic: event.topic }]);
    expect(await recordCount(`${a.namespace}${event.topic}`)).toBe(6);
    expect(await recordCount(`${b.namespace}${event.topic}`)).toBe(4);

    const [consumerA, consumerB] = [consume(a), consume(b)];
    await Promise.all([consumerA.start(), consumerB.start()]);
    await waitFor(async () => (await a.t.count('processed_event')) === 6, { what: 'namespace a processed its 6 events' });
    await waitFor(async () => (await b.t.count('processed_event')) === 4, { what: 'namespace b processed its 4 events' });

    // Publish more on both sides while both consume: still no crossing.
    const laterA = [clueEnvelope(event)];
    const laterB = [clueEnvelope(event), clueEnvelope(event)];
    await relayAll(b, laterB);
    await relayAll(a, laterA);
    await waitFor(async () => (await a.t.count('processed_event')) === 7, { what: 'namespace a processed the later event' });
    await waitFor(async () => (await b.t.count('processed_event')) === 6, { what: 'namespace b processed the later events' });
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for anything that should not come

    expect(await handledIds(a)).toEqual([...fromA, ...laterA].map((e) => e.id).sort());
    expect(await handledIds(b)).toEqual([...fromB, ...laterB].map((e) => e.id).sort());
    // processed_event keeps the plain group id; the Kafka groups carry the namespace.
    expect(await a.t.count('processed_event WHERE consumer = $1', groupId)).toBe(7);
    const groups = (await withAdmin((admin) => admin.listGroups())).groups.map((g) => g.groupId);
    expect(groups).toEqual(expect.arrayContaining([`${a.namespace}${groupId}`, `${b.namespace}${groupId}`]));
    expect(groups).not.toContain(groupId);
  });

  it('dead-letters to the namespaced DLQ, with the physical topic and group in the headers', async () => {
    const valid = clueEnvelope(event);
    await produceRaw(`${a.namespace}${event.topic}`, [
      { key: 'k-ns', value: 'not json at all' },
      { key: 'k-ns', value: JSON.stringify(valid) },
    ]);
    const consumer = consume(a);
    await consumer.start();
    await waitFor(async () => (await a.t.count('handled_event WHERE event_id = $1', valid.id)) === 1, { what: 'valid event handled' });

    const [dead] = await readTopic(`${a.namespace}${event.dlqTopic}`, 1);
    expect(dead).toMatchObject({ key: 'k-ns', value: 'not json at all' });
    expect(dead?.headers).toMatchObject({
      'dlq-original-topic': `${a.namespace}${event.topic}`,
      'dlq-consumer-group': `${a.namespace}${groupId}`,
    });
    expect(await recordCount(`${a.namespace}${event.dlqTopic}`)).toBe(1);
    expect(await recordCount(`${b.namespace}${event.dlqTopic}`)).toBe(0);
    expect(await withAdmin((admin) => admin.listTopics())).not.toContain(event.dlqTopic);
  });

  it('processMessage compares logical topics and refuses topics outside its namespace', async () => {
    const envelope = clueEnvelope(event);
    const deadLetters: string[] = [];
    const context = {
      consumer: `direct-${suffix()}`,
      namespace: a.namespace,
      db: a.t.db,
      handlers: [on(event, record)],
      logger: testLogger,
      deadLetter: async (_m: unknown, reason: string) => void deadLetters.push(reason),
    };
    const message = { partition: 0, offset: '1', key: envelope.subject, value: JSON.stringify(envelope) };
    expect(await processMessage(context, { ...message, topic: event.topic })).toEqual({
      status: 'dead-lettered',
      reason: `topic ${event.topic} is not in namespace "${a.namespace}"`,
    });
    expect(await processMessage(context, { ...message, topic: `${a.namespace}clues.clue.v1` })).toEqual({
      status: 'dead-lettered',
      reason: `clues.clue.submitted belongs on topic ${event.topic}, not clues.clue.v1`,
    });
    expect(await processMessage(context, { ...message, topic: `${a.namespace}${event.topic}` })).toEqual({
      status: 'applied',
      eventId: envelope.id,
      attempts: 1,
    });
    expect(deadLetters).toHaveLength(2);
  });
});
