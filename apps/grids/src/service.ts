import { join } from 'node:path';
import {
  hierarchyChanged,
  memberRegistered,
  memberRolesChanged,
  memberStatusChanged,
  memberTrained,
  memberUpdated,
  pointsAdjusted,
  pointsCredited,
  trainingHeld,
} from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { createAuditLog, personalDataCipherOf, sealAuditBacklogAtStart } from '@pgov/privacy';
import { createDomainService } from '@pgov/subgraph-server';
import type { GridsConfig } from './config';
import { createContext, type GridsDeps } from './context';
import { gridsHandlers, gridsRunHooks } from './events';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';
import { encryptPersonalDataAtRest } from './services/member-encryption.service';

/**
 * The grids service: its subgraph, the points it credits from clue events, the events it announces.
 * `clock` is for tests.
 */
export function createGridsService(config: GridsConfig, logger: Logger, onQuery?: (sql: string) => void, clock: () => Date = () => new Date()) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const cipher = personalDataCipherOf(config);
  const audit = createAuditLog(db, config.AUDIT_CHAIN_KEY);
  const deps: GridsDeps = { db, config, clock, cipher, audit };
  const defaults = { CLUE_ACCEPTED: config.POINTS_CLUE_ACCEPTED, CLUE_CASE_OPENED: config.POINTS_CLUE_CASE_OPENED };
  const service = createDomainService({
    name: 'grids',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(deps, identity, requestId),
    publishes: [memberRegistered, memberUpdated, memberStatusChanged, memberRolesChanged, memberTrained, pointsCredited, pointsAdjusted, hierarchyChanged, trainingHeld],
    handlers: gridsHandlers(db, defaults),
    transactionHooks: gridsRunHooks(db),
  });
  return {
    ...service,
    db,
    deps,
    /**
     * Before the first request: personal data a previous release left in clear is encrypted, and
     * the audit rows it wrote are sealed into the hash chain.
     */
    async start(): Promise<string> {
      await encryptPersonalDataAtRest(db, cipher, logger);
      await sealAuditBacklogAtStart(audit, logger);
      return service.start();
    },
  };
}
