/**
 * kafkajs 2.2.4's request queue re-arms a timer of "-Date.now()" milliseconds (1 ms) for ever once a
 * broker connection has answered a request, whether requests are pending or not (tulios/kafkajs
 * #1556, #1604, #1704; the fix proposed in #1667 was never released): each connection of each
 * process wakes its event loop about a thousand times a second, busy or idle. Measured here: every
 * service woke ~1,800 times a second with nothing to do, and the processes that only consume took
 * ~15% of the submit benchmark's throughput on two cores.
 *
 * This puts back the method with that fix: a check is scheduled only when requests are pending or
 * the broker has throttled the connection. A request pushed later either goes out at once or, if
 * it has to wait, schedules its own check (RequestQueue.push), so nothing is left waiting.
 * Applied to the exact version pinned in package.json only; another version is left as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: QueueInternals };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('kafkajs/package.json') as { version: string };

interface QueueInternals {
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  pending: unknown[];
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL (not exported). */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

const KAFKAJS_IDLE_LOOP_FIXED = version === '2.2.4';

if (KAFKAJS_IDLE_LOOP_FIXED) {
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: QueueInternals) {
    if (this.throttleCheckTimeoutId) return;
    let scheduleAt = this.throttledUntil - Date.now();
    if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
    else if (scheduleAt <= 0) return;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, scheduleAt);
  };
}
