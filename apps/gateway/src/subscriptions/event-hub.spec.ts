import { EventHub, FeedOverflow } from './event-hub';
import type { LiveEvent } from './live-events';

const event = (districtCode: string): LiveEvent => ({
  field: 'clueQueueChanged',
  districtCode,
  payload: {},
  lookup: { rootField: 'clue', type: 'Clue', args: [] },
});

describe('EventHub', () => {
  it('feeds each subscriber the events it accepts, in order', async () => {
    const hub = new EventHub();
    const yanta = hub.feed((e) => e.districtCode === '610113');
    hub.publish(event('610102'));
    hub.publish(event('610113'));
    expect((await yanta.next()).value?.districtCode).toBe('610113');
  });

  it('return() ends a next() that is waiting, and unsubscribes', async () => {
    const hub = new EventHub();
    const feed = hub.feed(() => true);
    const waiting = feed.next();
    await feed.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(hub.size).toBe(0);
  });

  it('ends a feed that falls behind with FeedOverflow, after what it had buffered', async () => {
    const hub = new EventHub(2);
    const feed = hub.feed(() => true);
    for (let i = 0; i < 3; i += 1) hub.publish(event('610113'));
    expect(hub.size).toBe(0);
    await feed.next();
    await feed.next();
    await expect(feed.next()).rejects.toBeInstanceOf(FeedOverflow);
  });
});
