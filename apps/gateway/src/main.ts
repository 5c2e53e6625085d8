/**
 * Composition root: config → logger → gateway → server → shutdown.
 *   npx tsx apps/gateway/src/main.ts
 */
import './telemetry-off';
import { ConfigError } from '@pgov/config';
import { loadGatewayConfig } from './config';
import { createGateway } from './gateway';
import { createLogger } from './logger';
import { startTracing } from '@pgov/tracing';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  // Spans leave the process only when OTEL_EXPORTER_OTLP_ENDPOINT is set (see @pgov/tracing).
  const tracing = startTracing(config.tracing ?? { serviceName: 'gateway' });
  const gateway = createGateway(config, { logger });

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000);
    force.unref();
    gateway.stop().then(() => tracing.shutdown()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await gateway.start();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('gateway failed to start:', error);
  }
  process.exit(1);
});
