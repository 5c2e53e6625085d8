// The clue outcomes the grids service consumes (points for informants), generated valid and broken,
// through the live consumer's path.
import { describeEventFuzz, truncateTables } from '@pgov/testing';
import { gridsHandlers, gridsRunHooks } from '../src/events';
import { createDb } from '../src/persistence/prisma';
import { DB } from './support/grids-harness';

describeEventFuzz({
  service: 'grids',
  databaseUrl: DB,
  async context() {
    await truncateTables(DB, ['district']);
    const db = createDb(DB);
    return { consumer: 'grids', db, handlers: gridsHandlers(db, { CLUE_ACCEPTED: 2, CLUE_CASE_OPENED: 5 }), transactionHooks: gridsRunHooks(db), stop: () => db.$disconnect() };
  },
});
