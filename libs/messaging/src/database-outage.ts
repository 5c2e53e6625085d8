import { isTransientFailure } from '@pgov/errors';
import { errorFields, type MessagingLogger } from './logger';

/**
 * Runs one of a run's transactions (ProcessContext.runTransaction): `transaction` starts it afresh
 * each time it is called.
 */
export type TransactionRunner = <R>(transaction: () => Promise<R>) => Promise<R>;

/**
 * Thrown out of processBatch / processMessage when the wait for the database was given up (stop(),
 * the partition taken away): nothing of the run is committed, nor its offsets, so the partition's
 * next owner processes it again (its processed_event rows make that exactly once in effect).
 */
export class RunAbandoned extends Error {
  override readonly name = 'RunAbandoned';
  constructor() {
    super('run abandoned while waiting for the database');
  }
}

export interface OutageWait {
  /** Keeps the group membership alive between attempts (kafkajs: throws when the group rebalances, which ends the run too). */
  heartbeat?: () => Promise<void>;
  /** Checked after each failed attempt: true ends the wait with RunAbandoned. */
  giveUp: () => boolean;
  /** Cuts a back-off pause short (stop()). */
  signal?: AbortSignal;
}

export interface DatabaseOutageGuard {
  /** True while a run waits for the database (readiness). */
  readonly waiting: boolean;
  /** A runner for one run: transient failures (isTransientFailure) are waited out, any other error is thrown. */
  runner(wait: OutageWait): TransactionRunner;
}

/**
 * One consumer's outage handling. A transaction that fails transiently (a restart or failover, no
 * connection, a serialization conflict: isTransientFailure) is run again, whole, after 100 ms doubled
 * up to `maxBackoffMs`, for as long as it takes: the event is not at fault, so it neither uses up
 * handler attempts nor goes to the DLQ, and nothing after it is processed meanwhile (per-partition
 * order). One warning when the first run starts waiting, one info line when a transaction commits
 * again, however many attempts in between and however many partitions wait.
 */
export function createDatabaseOutageGuard(options: { logger: MessagingLogger; log: Record<string, unknown>; maxBackoffMs?: number }): DatabaseOutageGuard {
  const { logger, log } = options;
  const maxBackoffMs = options.maxBackoffMs ?? 1_000;
  // Runs waiting now; the outage is one from the first of them until none is left.
  let waiting = 0;
  let since: number | undefined;
  let failedAttempts = 0;

  function enter(error: unknown): void {
    waiting += 1;
    if (since !== undefined) return;
    since = Date.now();
    logger.warn({ ...log, ...errorFields(error), maxBackoffMs }, 'database unavailable (or a transient conflict); retrying the run until it commits, offsets not committed');
  }

  /** `answered`: the database answered the run's last attempt (stop or a rebalance may end a wait without that). */
  function leave(answered: boolean): void {
    waiting -= 1;
    if (waiting > 0 || since === undefined) return;
    if (answered) logger.info({ ...log, outageMs: Date.now() - since, failedAttempts }, 'database answers again; consumer resumed');
    since = undefined;
    failedAttempts = 0;
  }

  return {
    get waiting() {
      return waiting > 0;
    },
    runner({ heartbeat, giveUp, signal }) {
      return async <R>(transaction: () => Promise<R>): Promise<R> => {
        let failures = 0;
        let answered = false;
        try {
          for (;;) {
            try {
              const result = await transaction();
              answered = true;
              return result;
            } catch (error) {
              if (!isTransientFailure(error)) {
                answered = true;
                throw error;
              }
              if (failures === 0) enter(error);
              failures += 1;
              failedAttempts += 1;
              if (giveUp()) throw new RunAbandoned();
              await heartbeat?.();
              await pause(Math.min(maxBackoffMs, 100 * 2 ** Math.min(failures - 1, 10)), signal);
              if (giveUp()) throw new RunAbandoned();
            }
          }
        } finally {
          if (failures > 0) leave(answered);
        }
      };
    },
  };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
