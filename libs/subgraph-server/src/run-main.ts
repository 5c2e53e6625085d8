import { createLogger, type Logger } from '@pgov/logger';
import { installShutdown, type ShutdownStep } from './shutdown';

/**
 * A service process from top to bottom: config → logger → service → shutdown handlers → start.
 * A bad configuration or a failed start prints why and exits 1 (the orchestrator restarts it).
 */
export function runMain<C extends { LOG_LEVEL: string }>(
  name: string,
  readConfig: () => C,
  create: (config: C, logger: Logger) => { start(): Promise<unknown>; shutdownSteps: ShutdownStep[] },
): void {
  (async () => {
    const config = readConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    const service = create(config, logger);
    installShutdown(logger, service.shutdownSteps);
    await service.start();
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
