import type { Logger } from 'pino';
import { wakeablePause } from '@pgov/messaging';

export interface KafkaStartupOptions {
  logger: Logger;
  /** Ensures topics, starts the relay and the consumer; throws when the broker does not answer. */
  start(): Promise<void>;
  /** Lets go of what a failed start connected (called before each retry and on cancel). */
  reset(): Promise<void>;
  /** Pause after the first failed attempt, doubled up to maxRetryMs (ms). */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * A service's Kafka parts started without making the process wait for the broker: the first
 * attempt runs at start; if it fails, the service serves anyway (its writes commit to the outbox,
 * readiness reports relay and consumer not ready) while this retries in the background until the
 * broker answers, then the relay publishes the backlog in order and the consumer joins its group.
 */
export function kafkaStartup(options: KafkaStartupOptions) {
  const { logger } = options;
  const firstRetryMs = options.firstRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let cancelled = false;
  const sleeper = wakeablePause();
  let retrying: Promise<void> | undefined;

  async function attempt(): Promise<boolean> {
    try {
      await options.start();
      return true;
    } catch (error) {
      await options.reset().catch(() => undefined);
      logger.warn({ component: 'kafka-startup', err: error }, 'Kafka not reachable: serving without it; relay and consumer start when it answers');
      return false;
    }
  }

  async function retry(): Promise<void> {
    for (let delay = firstRetryMs; !cancelled; delay = Math.min(maxRetryMs, delay * 2)) {
      await sleeper.pause(delay);
      if (cancelled) return;
      if (await attempt()) {
        // A stop that came during the attempt: stop what it just started.
        if (cancelled) await options.reset().catch(() => undefined);
        else logger.info({ component: 'kafka-startup' }, 'Kafka reachable: relay and consumer started');
        return;
      }
    }
  }

  return {
    /** The start-up attempt; when it fails, retries go on in the background. */
    async firstAttempt(): Promise<void> {
      if (!(await attempt())) retrying = retry();
    },
    /** Ends background retries (shutdown); resolves when none is running. */
    async cancel(): Promise<void> {
      cancelled = true;
      sleeper.wake();
      await retrying;
    },
  };
}
