import { join } from 'node:path';
import {
  clueRiskAssessed,
  clueSubmitted,
  recommendationChecked,
  recommendationEscalated,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
} from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { createDomainService } from '@pgov/subgraph-server';
import type { CluesConfig } from './config';
import { createContext, type CluesDeps } from './context';
import { configuredClock, type Clock } from '@pgov/config';
import { clueTransitionEvents } from './events/clue-transition.events';
import { inboundHandlers } from './events/inbound.handlers';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';
import { cluesWorkers } from './workers';

/**
 * The clues service: its subgraph, the clue and recommendation events it announces, the inbound
 * topics it turns into clues, and the overdue sweep. `clock` is for tests (else CLOCK_START or the system's).
 */
export function createCluesService(config: CluesConfig, logger: Logger, clock: Clock = configuredClock('clues', config), onQuery?: (sql: string) => void) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const deps: CluesDeps = { db, config, clock };
  const service = createDomainService({
    name: 'clues',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(deps, identity, requestId),
    publishes: [
      clueSubmitted,
      ...clueTransitionEvents,
      clueRiskAssessed,
      recommendationIssued,
      recommendationOverdue,
      recommendationReplied,
      recommendationChecked,
      recommendationEscalated,
    ],
    handlers: inboundHandlers(deps),
    workers: cluesWorkers(deps, logger),
  });
  return { ...service, db, deps };
}
