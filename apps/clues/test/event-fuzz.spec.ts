// Every event the clues service consumes (referrals, community corrections), generated valid and
// broken, through the live consumer's path.
import { describeEventFuzz, truncateTables } from '@pgov/testing';
import { readConfig } from '../src/config';
import { inboundHandlers } from '../src/events/inbound.handlers';
import { createDb } from '../src/persistence/prisma';
import { DB } from './support/clue-api';

describeEventFuzz({
  service: 'clues',
  databaseUrl: DB,
  async context() {
    await truncateTables(DB);
    const db = createDb(DB);
    const config = readConfig({ DATABASE_URL: DB, KAFKA_BROKERS: '127.0.0.1:9092', AUTH_PUBLIC_KEY_FILE: 'unused.pem' });
    return { consumer: 'clues', db, handlers: inboundHandlers({ db, config, clock: () => new Date() }), stop: () => db.$disconnect() };
  },
});
