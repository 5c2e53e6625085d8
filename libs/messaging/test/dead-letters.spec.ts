import { Partitioners } from 'kafkajs';
import { ensureTopics, readDeadLetters, replayDeadLetters, type IncomingMessage } from '../src';
import { kafkaDeadLetterSink } from '../src/consumer';
import { kafkajsOf } from '../src/kafka';
import { clueEnvelope, clueEventOnOwnTopic } from './support/events';
import { deleteTopics, readTopic, suffix, testKafka } from './support/kafka';

// Inspecting and replaying a dead-letter topic on the real broker, as tools/dlq.ts does after a fix.
describe('dead letters', () => {
  const kafka = testKafka();
  const event = clueEventOnOwnTopic(suffix());
  afterAll(() => deleteTopics([event.topic, event.dlqTopic]));

  it('lists every message of a DLQ with its reason and origin, and replays chosen ones to their topic as they were', async () => {
    await ensureTopics(kafka, [event]);
    const producer = kafkajsOf(kafka).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    const sink = kafkaDeadLetterSink(producer, 'g-dlq-tool');
    const envelopes = [clueEnvelope(event), clueEnvelope(event), clueEnvelope(event)];
    const messages: IncomingMessage[] = envelopes.map((e, i) => ({
      topic: event.topic,
      partition: 0,
      offset: String(10 + i),
      key: e.subject,
      value: JSON.stringify(e),
      headers: { 'event-id': e.id, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    }));
    for (const [i, m] of messages.entries()) await sink(m, `handler failed after 3 attempts: cause ${i}`);
    await producer.disconnect();

    // In DLQ order per partition (keys spread them); here in the order they failed.
    const letters = (await readDeadLetters(kafka, event.topic)).sort((a, b) => Number(a.originalOffset) - Number(b.originalOffset));
    expect(letters.map((l) => [l.reason, l.originalTopic, l.originalOffset, l.consumerGroup, l.key])).toEqual(
      envelopes.map((e, i) => [`handler failed after 3 attempts: cause ${i}`, event.topic, String(10 + i), 'g-dlq-tool', e.subject]),
    );
    expect(letters.every((l) => /^\d{4}-\d\d-\d\dT/.test(l.failedAt))).toBe(true);

    // The cause fixed: the first and the last go back, as they were.
    expect(await replayDeadLetters(kafka, [letters[0]!, letters[2]!])).toBe(2);
    const replayed = await readTopic(event.topic, 2);
    expect(replayed.map((r) => [r.key, r.value]).sort()).toEqual([envelopes[0]!, envelopes[2]!].map((e) => [e.subject, JSON.stringify(e)]).sort());
    for (const r of replayed) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('dlq-'))).toEqual([]);
      expect(r.headers['traceparent']).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    }
  });
});
