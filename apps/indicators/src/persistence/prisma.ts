import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type IndicatorsDb = PrismaClient;

/** The Prisma client over node-postgres (driver adapter: no engine binary to download); `onQuery` sees each SQL statement (tests count them). */
export function createDb(databaseUrl: string, onQuery?: (sql: string) => void): IndicatorsDb {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
    ...(onQuery ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  });
  if (onQuery) (client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  return client;
}
