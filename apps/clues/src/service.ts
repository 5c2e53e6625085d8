import { join } from 'node:path';
import { clueSubmitted } from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { createDomainService } from '@pgov/subgraph-server';
import type { CluesConfig } from './config';
import { createContext } from './context';
import { clueTransitionEvents } from './events/clue-transition.events';
import { systemClock, type Clock } from './domain/clock';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';

/** The clues service: its subgraph and the clue events it announces. */
export function createCluesService(config: CluesConfig, logger: Logger, clock: Clock = systemClock, onQuery?: (sql: string) => void) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const service = createDomainService({
    name: 'clues',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(db, clock, identity, requestId),
    publishes: [clueSubmitted, ...clueTransitionEvents],
    handlers: [],
  });
  return { ...service, db };
}
