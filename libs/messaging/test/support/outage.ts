// A database outage without touching the server (other work shares it): a test's own database
// (createOwnDatabase) refuses new connections (CONNECTION LIMIT 0, as a server restarting does) and/or
// has its backends terminated over and over (as a restart or failover does to open connections).
// Driven from a connection to the test database, so the outage never reaches the driver itself.
import type { Client } from 'pg';
import { Client as PgClient } from 'pg';
import { TEST_DATABASE } from './database';

export interface Outage {
  /** Ends the outage (connections allowed again); resolves with the instant it ended (ms). Idempotent. */
  end(): Promise<number>;
}

/**
 * Starts an outage of `database`: with `refuse` (default) no new connection gets in; in both modes
 * every backend of it is terminated every `everyMs`. Call end() in a finally: the connection limit
 * must not stay at 0.
 */
export async function startOutage(database: string, { refuse = true, everyMs = 20 }: { refuse?: boolean; everyMs?: number } = {}): Promise<Outage> {
  const admin: Client = new PgClient({ ...TEST_DATABASE });
  admin.on('error', () => undefined);
  await admin.connect();
  let ended: number | undefined;
  let terminating: Promise<unknown> = Promise.resolve();
  // Only the test role's backends: another role's (a superuser's look around) is not ours to end, and would fail the statement.
  const terminate = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()', [database]);
  try {
    if (refuse) await admin.query(`ALTER DATABASE ${database} CONNECTION LIMIT 0`);
    await terminate();
  } catch (error) {
    await admin.query(`ALTER DATABASE ${database} CONNECTION LIMIT -1`).catch(() => undefined);
    await admin.end();
    throw error;
  }
  const timer = setInterval(() => {
    terminating = terminating.then(terminate).catch(() => undefined);
  }, everyMs);
  return {
    async end() {
      if (ended !== undefined) return ended;
      clearInterval(timer);
      await terminating;
      try {
        if (refuse) await admin.query(`ALTER DATABASE ${database} CONNECTION LIMIT -1`);
      } finally {
        await admin.end();
      }
      ended = Date.now();
      return ended;
    },
  };
}
