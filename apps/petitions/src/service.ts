import { join } from 'node:path';
import { petitionReceived } from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { createDomainService } from '@pgov/subgraph-server';
import type { PetitionsConfig } from './config';
import { createContext } from './context';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';

/** The petitions service: its subgraph and the petition events it announces. */
export function createPetitionsService(config: PetitionsConfig, logger: Logger, clock: () => Date = () => new Date()) {
  const db = createDb(config.DATABASE_URL);
  const rules = { proceduralReplyDays: config.PROCEDURAL_REPLY_DAYS, resultReplyMonths: config.RESULT_REPLY_MONTHS };
  const service = createDomainService({
    name: 'petitions',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(db, { clock, rules }, identity, requestId),
    publishes: [petitionReceived],
    handlers: [],
  });
  return { ...service, db };
}
