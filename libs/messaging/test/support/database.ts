// Real PostgreSQL for the integration tests: each test file gets its own schema in messaging_test
// with the two messaging tables (from sql/messaging-tables.sql) and a table for handler effects.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { RawSql, RawSqlDatabase } from '../../src';

export const TEST_DATABASE = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  database: process.env['MESSAGING_TEST_DATABASE'] ?? 'messaging_test',
  user: process.env['MESSAGING_TEST_USER'] ?? 'messaging',
  password: process.env['MESSAGING_TEST_PASSWORD'] ?? 'messaging',
};

const TABLES_SQL = readFileSync(join(__dirname, '..', '..', 'sql', 'messaging-tables.sql'), 'utf8');

/**
 * The library's db interface over a pg Pool, as Prisma provides it in the services:
 * `$executeRawUnsafe` → affected rows, `$queryRawUnsafe` → rows, `$transaction(fn)` → BEGIN/COMMIT
 * on one pooled connection, ROLLBACK when fn throws.
 */
export function pgDatabase(pool: Pool): RawSqlDatabase {
  const over = (client: Pool | PoolClient): RawSql => ({
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      return (await client.query(query, values)).rowCount ?? 0;
    },
    async $queryRawUnsafe(query: string, ...values: unknown[]) {
      return (await client.query(query, values)).rows;
    },
  });
  return {
    ...over(pool),
    async $transaction<R>(fn: (tx: RawSql) => Promise<R>): Promise<R> {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        // A failed transaction's connection may be dead: the pool drops it rather than lend it again.
        client.release(failure);
      }
    },
  };
}

/**
 * A pool whose connections may be terminated (tests that take the database away) without crashing
 * the process: a backend's end is an 'error' event of its client, fatal unheard, whether the client
 * is idle (the pool's), lent out between two statements, or just connected (from the first instant,
 * hence on 'connect').
 */
function testPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export interface TestDatabase {
  schema: string;
  pool: Pool;
  db: RawSqlDatabase;
  /** Rows of `handled_event` (handler side effects). */
  count(sql: string, ...values: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** A fresh schema with outbox_event, processed_event and handled_event (no uniqueness: duplicates show). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await asAdmin((admin) => admin.query(`CREATE SCHEMA ${schema}`));
  const pool = testPool({ ...TEST_DATABASE, max: 8, options: `-c search_path=${schema}` });
  await createTables(pool);
  return testDatabase(schema, pool, async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  });
}

export interface OwnDatabase extends TestDatabase {
  /** The database's name (schema: public). */
  database: string;
}

/**
 * A database of the test's own (`<test database>_<random>`, created by the test role, which has
 * CREATEDB), with the same tables in public: for tests that take the database away (connection
 * limit, terminated backends), which must not touch the other test files sharing the test database.
 */
export async function createOwnDatabase(): Promise<OwnDatabase> {
  const database = `${TEST_DATABASE.database}_${randomBytes(4).toString('hex')}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
  const pool = testPool({ ...TEST_DATABASE, database, max: 8 });
  await createTables(pool);
  const own = testDatabase('public', pool, async () => {
    await pool.end();
    await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch(() => undefined);
  });
  return { ...own, database };
}

/** One connection to the test database itself (never the test's own database, which may be refusing connections). */
export async function asAdmin<T>(fn: (admin: Pool) => Promise<T>): Promise<T> {
  const admin = testPool({ ...TEST_DATABASE, max: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function createTables(pool: Pool): Promise<void> {
  await pool.query(TABLES_SQL);
  await pool.query(`CREATE TABLE handled_event (
    n        bigserial PRIMARY KEY,
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    subject  text NOT NULL,
    position integer
  )`);
}

function testDatabase(schema: string, pool: Pool, close: () => Promise<void>): TestDatabase {
  return {
    schema,
    pool,
    db: pgDatabase(pool),
    async count(sql, ...values) {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${sql}`, values);
      return Number(rows[0]?.n ?? 0);
    },
    close,
  };
}
