/**
 * Group commit: what callers submit while a flush is in flight goes together in the next one, so
 * a resource that admits one writer at a time (the audit chain's lock) pays one commit per batch,
 * not per item, and a lone item waits for nothing. Each caller's promise settles with its own
 * result once its batch is done. A failing batch of several is retried item by item, so one bad
 * item fails only its own caller.
 */
export function groupCommit<T, R>(flush: (items: T[]) => Promise<R[]>, maxBatch = 200): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let draining = false;

  async function settle(batch: typeof queue): Promise<void> {
    try {
      const results = await flush(batch.map((b) => b.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((b, i) => b.resolve(results[i] as R));
    } catch (error) {
      const [only, ...others] = batch;
      if (only && others.length === 0) only.reject(error);
      else for (const b of batch) await settle([b]);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      await settle(batch);
    }
    draining = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!draining) void drain();
    });
}
