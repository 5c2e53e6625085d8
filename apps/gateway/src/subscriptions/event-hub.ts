import type { LiveEvent } from './live-events';

/** Thrown by a feed's next() when its subscriber fell too far behind: events were lost, the subscription ends. */
export class FeedOverflow extends Error {
  override readonly name = 'FeedOverflow';
}

/**
 * One subscriber's events, in order, buffered up to `capacity`. Written by hand rather than as an
 * async generator: return() must end a next() that is waiting for the next event at once (a
 * generator's return() waits until that event comes, and a quiet district may send none for hours).
 */
export class Feed implements AsyncIterableIterator<LiveEvent> {
  private readonly queue: LiveEvent[] = [];
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private closed = false;
  private overflowed = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
  ) {}

  push(event: LiveEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.overflowed = true;
      this.close();
      return;
    }
    this.queue.push(event);
  }

  next(): Promise<IteratorResult<LiveEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.overflowed) return Promise.reject(new FeedOverflow('the subscriber fell behind; events were lost'));
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<LiveEvent>> {
    this.queue.length = 0;
    this.overflowed = false;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    const [resolve, reject] = [this.waiting, this.failWaiting];
    this.waiting = this.failWaiting = null;
    if (this.overflowed) reject?.(new FeedOverflow('the subscriber fell behind; events were lost'));
    else resolve?.({ value: undefined, done: true });
  }
}

/** In-process fan-out of the Kafka events to the subscriptions of this gateway instance. */
export class EventHub {
  private readonly feeds = new Map<Feed, (event: LiveEvent) => boolean>();

  constructor(private readonly capacity = 256) {}

  publish(event: LiveEvent): void {
    for (const [feed, accepts] of this.feeds) if (accepts(event)) feed.push(event);
  }

  /** The events `accepts` lets through, from now on, until the feed is returned. */
  feed(accepts: (event: LiveEvent) => boolean): Feed {
    const feed: Feed = new Feed(this.capacity, () => this.feeds.delete(feed));
    this.feeds.set(feed, accepts);
    return feed;
  }

  get size(): number {
    return this.feeds.size;
  }
}
