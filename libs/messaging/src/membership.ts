/**
 * How a consumer stays in its group while it works, and how it notices a lost broker. The values
 * below are createEventConsumer's defaults (each an option of it).
 *
 * - Session 10 s (kafkajs: 30 s). A member that dies without leaving (kill -9; after a broker
 *   restart every client rejoins under a new member id, the old ids linger) holds up its group's
 *   next rebalance until its session expires: the partitions wait this long. The broker's floor is
 *   6 s (group.min.session.timeout.ms). A short session is safe only because the consumer
 *   heartbeats between the events of a run (runHeartbeat), not only between runs: a run of slow
 *   events outlasted a 10 s session before, and the member was dropped and the run redone, again.
 * - Heartbeat every 3 s: a third of the session, so two heartbeats may be late before it expires.
 * - Rebalance timeout 30 s (kafkajs: 60 s): how long a rebalance waits for live members to rejoin.
 *   A member rejoins once its current run has committed; runs are sized to last about maxRunMs
 *   (2 s), so 30 s is ample on a loaded machine, and shorter than kafkajs' minute when one is stuck.
 * - Broker unreachable after 5 s without an answer to any request: an idle consumer's fetch returns
 *   every maxWaitTime (2 s) and it heartbeats every 3 s, so a healthy one never goes that long.
 */
export const MEMBERSHIP_DEFAULTS = {
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 30_000,
  maxWaitTimeMs: 2_000,
  maxRunMs: 2_000,
  brokerSilenceMs: 5_000,
} as const;

/** One run's heartbeats: a failure is kept for after the run's commit, never thrown into its transaction. */
export interface RunHeartbeat {
  /** Heartbeats (kafkajs sends one only when the interval has passed); never throws. */
  beat(): Promise<void>;
  /** Whether a heartbeat of this run failed (a rebalance, a lost member or broker). */
  readonly failed: boolean;
  /** Throws the run's heartbeat failure, if any, for the client to handle (it rejoins the group). */
  throwIfFailed(): void;
}

/**
 * A heartbeat failing in the middle of a run means the group is rebalancing (or the member or the
 * broker is lost): throwing it there would roll back the events already applied and redo them.
 * The run finishes instead (it is short: maxRunMs), commits, its offsets are committed if the
 * group still takes them (it does while a rebalance is being prepared), and then the failure is
 * thrown to the client, which rejoins.
 */
export function runHeartbeat(heartbeat: () => Promise<void>): RunHeartbeat {
  let failure: unknown;
  let failed = false;
  return {
    async beat() {
      if (failed) return;
      try {
        await heartbeat();
      } catch (error) {
        failed = true;
        failure = error;
      }
    },
    get failed() {
      return failed;
    },
    throwIfFailed() {
      if (failed) throw failure;
    },
  };
}

/**
 * How many events the next run of a partition takes: as many as took about `maxRunMs` in the last
 * runs (moving average of the time per event), at least 1, at most `maxEvents`. Short runs keep a
 * rebalance from waiting on a long one; runs of fast events stay long (one commit for many).
 */
export function runSizer(maxEvents: number, maxRunMs: number) {
  let msPerEvent: number | undefined;
  return {
    next(): number {
      if (msPerEvent === undefined) return Math.min(maxEvents, 20);
      return Math.max(1, Math.min(maxEvents, Math.floor(maxRunMs / Math.max(msPerEvent, 0.01))));
    },
    record(events: number, ms: number): void {
      const sample = ms / Math.max(1, events);
      msPerEvent = msPerEvent === undefined ? sample : msPerEvent * 0.5 + sample * 0.5;
    },
  };
}
