import { withPg } from './database';

/**
 * Counts the SQL a piece of work costs: pass `onQuery` to the service (its Prisma client's query
 * log), then `statementsOf(work)` answers the statements issued while `work` ran — without the
 * outbox relay's polls, the consumer's bookkeeping and transaction control, which run beside any
 * request.
 */
export function statementRecorder() {
  let recording: string[] | undefined;
  return {
    onQuery: (sql: string) => void recording?.push(sql),
    async statementsOf(work: () => Promise<unknown>): Promise<string[]> {
      const statements: string[] = [];
      recording = statements;
      try {
        await work();
      } finally {
        recording = undefined;
      }
      return statements.filter((s) => !/outbox_event|processed_event|pg_try_advisory_xact_lock|^(BEGIN|COMMIT|ROLLBACK)/.test(s));
    },
  };
}

/** Every row of every table of the database as text: what a dump of it would show. */
export function databaseDump(url: string): Promise<string> {
  return withPg(url, async (client) => {
    const { rows: tables } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const texts: string[] = [];
    for (const { tablename } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      texts.push(...rows.map((r) => r.row));
    }
    return texts.join('\n');
  });
}
