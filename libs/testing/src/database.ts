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
 */
export async function truncateTables(url: string, keep: string[] = []): Promise<void> {
  await withPg(url, async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND NOT (tablename = ANY($1))`,
      [keep],
    );
    if (rows.length === 0) return;
    await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  });
}
