// Real PostgreSQL for the integration tests: each test file gets its own schema in messaging_test
// with the two messaging tables (from sql/messaging-tables.sql) and a table for handler effects.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, type PoolClient } from 'pg';
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
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
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
  const admin = new Pool({ ...TEST_DATABASE, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const pool = new Pool({ ...TEST_DATABASE, max: 8, options: `-c search_path=${schema}` });
  await pool.query(TABLES_SQL);
  await pool.query(`CREATE TABLE handled_event (
    n        bigserial PRIMARY KEY,
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    subject  text NOT NULL,
    position integer
  )`);
  return {
    schema,
    pool,
    db: pgDatabase(pool),
    async count(sql, ...values) {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${sql}`, values);
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}
