import type { Consumer } from 'kafkajs';

/**
 * Makes each fetch of a consumer cover at least `lingerMs`, for a consumer fed event by event: the
 * returned function, awaited at the end of a batch, waits out what is left of that span since the
 * fetch started. Events arriving back to back then come a few to a fetch — one fetch, one
 * transaction, one commit of offsets for all — instead of one each (each of those costs the
 * consumer, the broker and the database more than the event itself). A fetch that waited at the
 * broker longer than that (a quiet topic) is followed by no pause: an event on its own is applied
 * at once. Adds at most `lingerMs` to an event's latency; 0: never waits.
 */
export function fetchLinger(consumer: Consumer, lingerMs: number): () => Promise<void> {
  let fetchStartedAt = 0;
  if (lingerMs > 0) consumer.on(consumer.events.FETCH_START, () => (fetchStartedAt = Date.now()));
  return async () => {
    const wait = fetchStartedAt + lingerMs - Date.now();
    if (lingerMs > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}
