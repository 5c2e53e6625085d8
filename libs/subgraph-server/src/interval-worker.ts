import type { Logger } from 'pino';
import type { ServiceWorker } from './domain-service';

/**
 * A worker that runs `run` every `intervalMs`. The next run is scheduled when one ends, so runs
 * never overlap in a process (replicas may overlap: the jobs given here must allow it). A failed run
 * is logged and the next one tries again; stop() waits for a run in progress.
 */
export function intervalWorker(name: string, intervalMs: number, run: () => Promise<unknown>, logger: Logger): ServiceWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    running = run()
      .then(
        () => undefined,
        (error: unknown) => logger.error({ component: name, err: error }, `${name} failed; the next run tries again`),
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
  }

  return {
    name,
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
