import type { Logger } from '@pgov/logger';
import type { ServiceWorker } from '@pgov/subgraph-server';
import type { PetitionsDeps } from '../context';
import { runDeadlineSweep } from '../services/deadline-sweep';

/**
 * Runs the deadline sweep every OVERDUE_SWEEP_MS on the service's clock. The next run is scheduled
 * when one ends, so runs never overlap in a process (replicas may overlap: the sweep allows it).
 * A failed run is logged and the next one tries again.
 */
export function deadlineSweepWorker(deps: Pick<PetitionsDeps, 'db' | 'clock' | 'config'>, logger: Logger): ServiceWorker {
  const { db, clock, config } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(run, config.OVERDUE_SWEEP_MS);
    timer.unref();
  }

  function run(): void {
    timer = undefined;
    running = runDeadlineSweep({ db, clock, logger })
      .then(
        () => undefined,
        (error: unknown) => logger.error({ component: 'deadline-sweep', err: error }, 'deadline sweep failed; the next run tries again'),
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
  }

  return {
    name: 'petition deadline sweep',
    async start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
