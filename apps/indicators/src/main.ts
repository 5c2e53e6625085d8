// Composition root: config → logger → service (db, kafka, relay, consumer, subgraph) → shutdown.
import { runMain } from '@pgov/subgraph-server';
import { readConfig } from './config';
import { createIndicatorsService } from './service';

runMain('indicators', () => readConfig(), (config, logger) => createIndicatorsService(config, logger));
