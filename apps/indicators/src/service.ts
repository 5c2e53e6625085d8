import { join } from 'node:path';
import { indicatorAlertRaised } from '@pgov/contracts';
import { configuredClock, type Clock } from '@pgov/config';
import type { Logger } from '@pgov/logger';
import { createDomainService } from '@pgov/subgraph-server';
import type { IndicatorsConfig } from './config';
import { createContext } from './context';
import { indicatorHandlers, indicatorRunHooks } from './events';
import { createDb } from './persistence/prisma';
import { resolvers } from './resolvers';

/** The indicators service: its subgraph and the consumers that keep the facts values are counted from. */
/** `clock` is for tests (else CLOCK_START or the system's): reports count days overdue from it. */
export function createIndicatorsService(config: IndicatorsConfig, logger: Logger, clock: Clock = configuredClock('indicators', config), onQuery?: (sql: string) => void) {
  const db = createDb(config.DATABASE_URL, onQuery);
  const deps = { db, clock };
  const service = createDomainService({
    name: 'indicators',
    config,
    logger,
    db,
    schemaFile: join(__dirname, 'schema.graphql'),
    resolvers,
    context: (identity, requestId) => createContext(deps, identity, requestId),
    publishes: [indicatorAlertRaised],
    handlers: indicatorHandlers({ alerts: true }),
    transactionHooks: indicatorRunHooks,
    // Facts are per key and values sums (written in one sorted upsert per run): partitions need no
    // order between them. 3 = the topics' partitions (tools/bench/events.ts: 1,176 → 2,038 events/s).
    partitionsConsumedConcurrently: 3,
  });
  return { ...service, db };
}
