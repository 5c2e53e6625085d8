import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs the steps in order once, on the first SIGTERM/SIGINT (or when called), each bounded by a
 * timeout so one stuck dependency cannot keep the process alive; then exits.
 */
export function installShutdown(logger: Logger, steps: ShutdownStep[], { timeoutMs = 15_000, exit = true } = {}) {
  let running: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    running ??= (async () => {
      logger.info({ signal }, 'shutting down');
      for (const step of steps) {
        try {
          await withTimeout(step.run(), timeoutMs, step.name);
          logger.info({ step: step.name }, 'stopped');
        } catch (error) {
          logger.error({ step: step.name, err: error }, 'shutdown step failed');
        }
      }
      logger.info('bye');
      if (exit) process.exit(0);
    })();
    return running;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not stop within ${ms} ms`)), ms);
    }),
  ]);
}
