// Composition root: config → logger → service (db, kafka, relay, consumer, subgraph) → shutdown.
import { runMain } from '@pgov/subgraph-server';
import { readConfig } from './config';
import { createGridsService } from './service';

runMain('grids', () => readConfig(), (config, logger) => createGridsService(config, logger));
