// Every event the indicators consume, generated valid and broken, through the live consumer's path.
import { describeEventFuzz, truncateTables } from '@pgov/testing';
import { indicatorHandlers, indicatorRunHooks } from '../src/events';
import { createDb } from '../src/persistence/prisma';
import { DB } from './support/indicator-events';

describeEventFuzz({
  service: 'indicators',
  databaseUrl: DB,
  async context() {
    await truncateTables(DB, ['indicator']);
    const db = createDb(DB);
    return { consumer: 'indicators', db, handlers: indicatorHandlers({ alerts: true }), transactionHooks: indicatorRunHooks, stop: () => db.$disconnect() };
  },
});
