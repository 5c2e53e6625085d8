import { createLogger, type Logger } from '@pgov/logger';
import { startTracing } from '@pgov/tracing';
import { installShutdown, type ShutdownStep } from './shutdown';

/**
 * A service process from top to bottom: config → logger → service → shutdown handlers → start.
 * A bad configuration or a failed start prints why and exits 1 (the orchestrator restarts it).
 */
export function runMain<C extends { LOG_LEVEL: string; OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined; OTEL_SERVICE_NAME?: string | undefined }>(
  name: string,
  readConfig: () => C,
  create: (config: C, logger: Logger) => { start(): Promise<unknown>; shutdownSteps: ShutdownStep[] },
): void {
  (async () => {
    const config = readConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    // Spans leave the process only when an OTLP endpoint is configured (see @pgov/tracing).
    const tracing = startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? name, ...(config.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}) });
    const service = create(config, logger);
    installShutdown(logger, [...service.shutdownSteps, { name: 'tracing (sends pending spans)', run: () => tracing.shutdown() }]);
    await service.start();
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
