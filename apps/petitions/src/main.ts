// Composition root: config → logger → service (db, kafka, relay, consumer, subgraph) → shutdown.
import { runMain } from '@pgov/subgraph-server';
import { readConfig } from './config';
import { createPetitionsService } from './service';

runMain('petitions', () => readConfig(), (config, logger) => createPetitionsService(config, logger));
