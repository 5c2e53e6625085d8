import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type QueryResultRow } from 'pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type CluesDb = PrismaClient;

/** A statement PostgreSQL parses and plans once per connection (a named prepared statement). */
export interface PreparedStatement {
  name: string;
  text: string;
}

const prepared = new WeakMap<CluesDb, <R extends QueryResultRow>(statement: PreparedStatement, values: unknown[]) => Promise<R[]>>();

/**
 * The Prisma client over node-postgres (driver adapter: no engine binary to download).
 * `onQuery` sees every SQL statement (tests count them to keep nested fields free of N+1).
 */
export function createDb(databaseUrl: string, onQuery?: (sql: string) => void): CluesDb {
  // The pool is ours (Prisma ends it at $disconnect) so that the hottest statement can be run as a
  // named prepared statement on it (runPrepared), which Prisma's raw queries are not.
  const pool = new Pool({ connectionString: databaseUrl });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    ...(onQuery ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  });
  if (onQuery) (client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  prepared.set(client, async <R extends QueryResultRow>(statement: PreparedStatement, values: unknown[]) => {
    onQuery?.(statement.text);
    return (await pool.query<R>({ name: statement.name, text: statement.text, values })).rows;
  });
  return client;
}

/**
 * Runs `statement` on a connection of `db`'s pool as a prepared statement — its own transaction —
 * or, for a client made elsewhere (a transaction's), null: the caller runs it through Prisma.
 */
export function runPrepared<R extends QueryResultRow>(db: CluesDb | Prisma.TransactionClient, statement: PreparedStatement, values: unknown[]): Promise<R[]> | null {
  const run = prepared.get(db as CluesDb);
  return run ? run<R>(statement, values) : null;
}
