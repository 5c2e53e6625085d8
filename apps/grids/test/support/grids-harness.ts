import type { Identity } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import {
  createTestKeys,
  databaseDump,
  deleteNamespace,
  graphql,
  serviceTestEnv,
  statementRecorder,
  testDatabaseUrl,
  testNamespace,
  truncateTables,
  type GraphQLResponse,
} from '@pgov/testing';
import { readConfig } from '../../src/config';
import { createDb, type GridsDb } from '../../src/persistence/prisma';
import { createGridsService } from '../../src/service';

// The grids service on the real test database and broker, as the integration specs start it: every
// table but `district` emptied, a fresh Kafka namespace, a fresh key pair (serviceTestEnv adds the
// personal-data keys), tokens for any identity, and the SQL a piece of work costs.

export const DB = testDatabaseUrl('grids');

export interface GridsHarnessOptions {
  /** What the service takes for "now" (default: the real clock). */
  clock?: () => Date;
  /** Rows to lay down on the emptied database before the service starts. */
  beforeStart?: (db: GridsDb) => Promise<void>;
  /** Environment on top of serviceTestEnv (e.g. OUTBOX_POLL_MS). */
  extraEnv?: Record<string, string>;
}

/** Empties the database, runs `beforeStart` on it, then starts the service; `stop()` undoes it all. */
export async function startGridsHarness({ clock, beforeStart, extraEnv = {} }: GridsHarnessOptions = {}) {
  await truncateTables(DB, ['district']);
  const db = createDb(DB);
  await beforeStart?.(db);
  const keys = await createTestKeys();
  const namespace = testNamespace();
  const config = readConfig(serviceTestEnv('grids', { keys, namespace, extra: extraEnv }));
  const recorder = statementRecorder();
  const service = createGridsService(config, createLogger('grids-test', 'silent'), recorder.onQuery, clock);
  const url = await service.start();

  return {
    db,
    config,
    service,
    url,
    keys,
    async as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
      return graphql<T>(url, query, variables, await keys.token(identity));
    },
    /** The SQL statements `work` costs (the relay's polls left out). */
    statementsOf: recorder.statementsOf,
    /** Every row of every table as text: what a database dump would show. */
    dump: () => databaseDump(DB),
    async stop() {
      await service.stop();
      await db.$disconnect();
      await deleteNamespace(namespace);
    },
  };
}

export type GridsHarness = Awaited<ReturnType<typeof startGridsHarness>>;
