import { GraphQLError, type ExecutionResult } from 'graphql';
import type { LiveSession } from './live-execution';
import { whenExpired } from './sessions';

export type Ending = 'expired' | 'aborted';

/**
 * A subscription's results until its source ends, the subscriber's token expires (one last result
 * with UNAUTHENTICATED, reason "expired", then the end) or `signal` aborts (the client went away,
 * the gateway is shutting down: the end). The HTTP transports stream this.
 */
export function untilEnded(
  results: AsyncIterableIterator<ExecutionResult>,
  options: { session: LiveSession; signal: AbortSignal },
): AsyncIterableIterator<ExecutionResult> {
  let ended = false;
  let cancel = () => undefined as void;
  const stop = new Promise<Ending>((resolve) => {
    if (options.signal.aborted) return resolve('aborted');
    options.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    cancel = whenExpired(options.session, () => resolve('expired'));
  });
  const finish = async () => {
    ended = true;
    cancel();
    await results.return?.();
  };
  return {
    async next() {
      if (ended) return { value: undefined, done: true };
      const next = await Promise.race([results.next(), stop]);
      if (next === 'aborted') {
        await finish();
        return { value: undefined, done: true };
      }
      if (next === 'expired') {
        await finish();
        const last: ExecutionResult = { errors: [tokenExpired()] };
        endings.add(last);
        return { value: last, done: false };
      }
      if (next.done) await finish();
      return next;
    },
    async return() {
      if (!ended) await finish();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The results untilEnded adds at expiry: the transport's, not the subscription's (multipart sends them as transport errors). */
const endings = new WeakSet<ExecutionResult>();
export const isEnding = (result: ExecutionResult): boolean => endings.has(result);

export function tokenExpired(): GraphQLError {
  return new GraphQLError('The access token has expired', { extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } });
}
