// Composition root: config → logger → service (db, kafka, relay, consumer, server) → shutdown.
import { createLogger } from '@pgov/logger';
import { installShutdown } from '@pgov/subgraph-server';
import { readConfig } from './config';
import { createCluesService } from './service';

async function main() {
  const config = readConfig();
  const logger = createLogger('clues', config.LOG_LEVEL);
  const service = createCluesService(config, logger);
  installShutdown(logger, service.shutdownSteps);
  await service.start();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
