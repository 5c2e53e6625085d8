// Composition root: config → logger → service (db, kafka, relay, consumer, subgraph) → shutdown.
import { runMain } from '@pgov/subgraph-server';
import { readConfig } from './config';
import { createCluesService } from './service';

runMain('clues', () => readConfig(), (config, logger) => createCluesService(config, logger));
