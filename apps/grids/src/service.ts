import { join } from 'node:path';
import { clueSubmitted, pointsCredited } from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { on } from '@pgov/messaging';
import { createDomainService } from '@pgov/subgraph-server';
import type { GridsConfig } from './config';
import { createContext } from './context';
import { clueSubmittedHandler } from './events/clue-submitted.handler';
import { pointsRepository } from './persistence/points.repository';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';

/** The grids service: its subgraph, the points it credits from clue events, the events it announces. */
export function createGridsService(config: GridsConfig, logger: Logger, onQuery?: (sql: string) => void) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const service = createDomainService({
    name: 'grids',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(db, identity, requestId),
    publishes: [pointsCredited],
    handlers: [on(clueSubmitted, clueSubmittedHandler(pointsRepository(db), { clueReported: config.POINTS_CLUE_REPORTED }))],
  });
  return { ...service, db };
}
