import { join } from 'node:path';
import { configuredClock, type Clock } from '@pgov/config';
import {
  hearingCancelled,
  hearingConcluded,
  hearingHeld,
  hearingScheduled,
  petitionDeadlineApproaching,
  petitionDeadlineMissed,
  petitionOwnerAssigned,
  petitionReceived,
  petitionReferralMade,
  petitionReplied,
  petitionTransitioned,
} from '@pgov/contracts';
import type { Logger } from '@pgov/logger';
import { createAuditLog, personalDataCipherOf, sealAuditBacklogAtStart } from '@pgov/privacy';
import { createDomainService } from '@pgov/subgraph-server';
import type { PetitionsConfig } from './config';
import { createContext, type PetitionsDeps } from './context';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';
import { encryptPetitionersAtRest } from './services/petitioner-encryption.service';
import { petitionsWorkers } from './workers';

/**
 * The petitions service: its subgraph, the petition and hearing events it announces, the deadline
 * sweep. `clock` is for tests (else CLOCK_START outside production, or the system's).
 */
export function createPetitionsService(config: PetitionsConfig, logger: Logger, clock: Clock = configuredClock('petitions', config), onQuery?: (sql: string) => void) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const rules = { proceduralReplyDays: config.PROCEDURAL_REPLY_DAYS, resultReplyMonths: config.RESULT_REPLY_MONTHS };
  const cipher = personalDataCipherOf(config);
  const audit = createAuditLog(db, config.AUDIT_CHAIN_KEY);
  const deps: PetitionsDeps = { db, config, clock, rules, cipher, audit };
  const service = createDomainService({
    name: 'petitions',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(deps, identity, requestId),
    publishes: [
      petitionReceived,
      petitionTransitioned,
      petitionReplied,
      petitionDeadlineMissed,
      petitionDeadlineApproaching,
      petitionOwnerAssigned,
      petitionReferralMade,
      hearingScheduled,
      hearingHeld,
      hearingConcluded,
      hearingCancelled,
    ],
    handlers: [],
    workers: petitionsWorkers(deps, logger),
  });
  return {
    ...service,
    db,
    deps,
    /**
     * Before the first request: petitioner numbers the first release left in clear are encrypted,
     * and the audit rows earlier releases wrote are sealed into the hash chain.
     */
    async start(): Promise<string> {
      await encryptPetitionersAtRest(db, cipher, logger);
      await sealAuditBacklogAtStart(audit, logger);
      return service.start();
    },
  };
}
