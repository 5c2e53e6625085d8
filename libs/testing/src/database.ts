import { Client } from 'pg';

/** The test database of a service: <SERVICE>_TEST_DATABASE_URL, or the local one tools/test.sh prepares. */
export function testDatabaseUrl(service: string): string {
  return process.env[`${service.toUpperCase()}_TEST_DATABASE_URL`] ?? `postgresql://${service}:${service}@127.0.0.1:5432/${service}_test`;
}

export async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Empties every table of the database except migrations' bookkeeping and the reference data
 * named in `keep`, so a test starts from a known state and depends on no other test's leftovers.
 * Tables that refuse TRUNCATE (the append-only audit log) are emptied as their owner can: with
 * that trigger disabled inside the same transaction, so no other session ever sees it off.
 */
export async function truncateTables(url: string, keep: string[] = []): Promise<void> {
  await withPg(url, async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND NOT (tablename = ANY($1))`,
      [keep],
    );
    if (rows.length === 0) return;
    const tables = rows.map((r) => r.tablename);
    // tgtype bit 5 (32): a TRUNCATE trigger.
    const { rows: guards } = await client.query<{ tablename: string; tgname: string }>(
      `SELECT c.relname AS tablename, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1) AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 32) <> 0`,
      [tables],
    );
    const toggle = (state: 'DISABLE' | 'ENABLE') => guards.map((g) => `ALTER TABLE "${g.tablename}" ${state} TRIGGER "${g.tgname}";`).join(' ');
    await client.query(`BEGIN; ${toggle('DISABLE')} TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE; ${toggle('ENABLE')} COMMIT;`);
  });
}
