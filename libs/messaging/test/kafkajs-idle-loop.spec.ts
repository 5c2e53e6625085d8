import { ensureTopics } from '../src';
import { kafkajsOf } from '../src/kafka';
import { clueEventOnOwnTopic } from './support/events';
import { deleteTopics, suffix, testKafka } from './support/kafka';

// A connection to the real broker with nothing to do must leave the event loop asleep: kafkajs 2.2.4
// re-arms a 1 ms timer for ever once a request has been answered (src/kafkajs-idle-loop.ts).
describe('an idle Kafka connection (real broker)', () => {
  const event = clueEventOnOwnTopic(suffix());

  afterAll(async () => {
    await deleteTopics([event.topic]);
  });

  it('schedules no timers between requests once its last one is answered', async () => {
    const kafka = testKafka();
    await ensureTopics(kafka, [event]);
    const producer = kafkajsOf(kafka).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic: event.topic, messages: [{ key: 'k', value: 'v' }] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const timers = jest.spyOn(global, 'setTimeout');
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        // Our own wait is one; kafkajs's loop made hundreds in the same half second.
        expect(timers.mock.calls.length).toBeLessThan(10);
      } finally {
        timers.mockRestore();
      }
      // Requests still go out and are answered after the quiet spell.
      await producer.send({ topic: event.topic, messages: [{ key: 'k', value: 'w' }] });
    } finally {
      await producer.disconnect();
    }
  });
});
