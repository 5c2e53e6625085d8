import pino from 'pino';
import { kafkaStartup } from './kafka-startup';

const logger = pino({ level: 'silent' });

describe('kafkaStartup', () => {
  it('starts at once when the broker answers', async () => {
    const calls: string[] = [];
    const startup = kafkaStartup({ logger, start: async () => void calls.push('start'), reset: async () => void calls.push('reset') });
    await startup.firstAttempt();
    expect(calls).toEqual(['start']);
    await startup.cancel();
  });

  it('does not make the service wait: retries in the background, letting go of each failed attempt, until the broker answers', async () => {
    const calls: string[] = [];
    let failuresLeft = 3;
    let started!: () => void;
    const done = new Promise<void>((resolve) => (started = resolve));
    const startup = kafkaStartup({
      logger,
      firstRetryMs: 1,
      maxRetryMs: 4,
      start: async () => {
        calls.push('start');
        if (failuresLeft-- > 0) throw new Error('connect ECONNREFUSED');
        started();
      },
      reset: async () => void calls.push('reset'),
    });
    await startup.firstAttempt(); // resolves although the broker is down
    expect(calls).toEqual(['start', 'reset']);
    await done;
    expect(calls).toEqual(['start', 'reset', 'start', 'reset', 'start', 'reset', 'start']);
    await startup.cancel();
  });

  it('stops retrying at shutdown', async () => {
    let attempts = 0;
    const startup = kafkaStartup({
      logger,
      firstRetryMs: 60_000,
      start: async () => {
        attempts += 1;
        throw new Error('connect ECONNREFUSED');
      },
      reset: async () => undefined,
    });
    await startup.firstAttempt();
    await startup.cancel(); // wakes the pending pause and returns without another attempt
    expect(attempts).toBe(1);
  });
});
