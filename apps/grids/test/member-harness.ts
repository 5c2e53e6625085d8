import type { Identity } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { residentIdCheckChar } from '@pgov/privacy';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  serviceTestEnv,
  testDatabaseUrl,
  testNamespace,
  truncateTables,
  withPg,
  type GraphQLResponse,
} from '@pgov/testing';
import { readConfig } from '../src/config';
import { createDb, type GridsDb } from '../src/persistence/prisma';
import { createGridsService } from '../src/service';

// The grids service on the real test database and broker, for the member specs: a small
// hierarchy in two districts (one grid retired), tokens for any identity, raw SQL for what the
// database really holds.

export const DB = testDatabaseUrl('grids');
export const GRIDS = {
  a1: '610113-M1-C1-01',
  a2: '610113-M1-C1-02',
  retired: '610113-M1-C1-03',
  b1: '610102-M1-C1-01',
} as const;

/** A valid resident ID number from its first 17 characters. */
export const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

let counter = 0;
/** A person no other test uses: a valid ID number and mobile of their own. */
export function person(name: string, over: Record<string, unknown> = {}) {
  counter += 1;
  const day = String((counter % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(counter / 28) % 12) + 1).padStart(2, '0');
  return {
    name,
    team: 'GRID_WORKER',
    gridCode: GRIDS.a1,
    phone: `139${String(10_000_000 + counter * 7919).slice(-8)}`,
    idNumber: residentId(`6101131985${month}${day}${String(100 + counter).slice(-3)}`),
    ...over,
  };
}

async function seedHierarchy(db: GridsDb) {
  for (const district of ['610113', '610102']) {
    const street = await db.street.create({ data: { code: `${district}-M1`, name: '测试街道', districtCode: district } });
    const community = await db.community.create({ data: { code: `${district}-M1-C1`, name: '测试社区', streetId: street.id, districtCode: district } });
    const grids = Object.values(GRIDS).filter((g) => g.startsWith(district));
    await db.grid.createMany({
      data: grids.map((code) => ({ code, name: `网格${code.slice(-2)}`, communityId: community.id, districtCode: district, retiredAt: code === GRIDS.retired ? new Date() : null })),
    });
  }
}

/** Empties the database and lays the hierarchy down; `beforeStart` may add rows a previous release wrote. */
export async function startMemberHarness(beforeStart: (db: GridsDb) => Promise<void> = async () => undefined) {
  await truncateTables(DB, ['district']);
  const db = createDb(DB);
  await seedHierarchy(db);
  await beforeStart(db);
  const keys = await createTestKeys();
  const namespace = testNamespace();
  const config = readConfig(serviceTestEnv('grids', { keys, namespace, extra: { OUTBOX_POLL_MS: '50' } }));
  const statements: string[] = [];
  const service = createGridsService(config, createLogger('grids-test', 'silent'), (sql) => statements.push(sql));
  const url = await service.start();

  return {
    db,
    config,
    service,
    /** The SQL statements `work` costs, leaving out the outbox relay's polls running meanwhile. */
    async statementsOf(work: () => Promise<unknown>): Promise<string[]> {
      statements.length = 0;
      await work();
      return statements.filter((s) => !/outbox_event|pg_try_advisory_xact_lock|^(BEGIN|COMMIT|ROLLBACK)/.test(s));
    },
    async as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
      return graphql<T>(url, query, variables, await keys.token(identity));
    },
    /** Every row of every table as text: what a database dump would show. */
    dump: () =>
      withPg(DB, async (client) => {
        const { rows: tables } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
        const texts: string[] = [];
        for (const { tablename } of tables) {
          const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
          texts.push(...rows.map((r) => r.row));
        }
        return texts.join('\n');
      }),
    async stop() {
      await service.stop();
      await db.$disconnect();
      await deleteNamespace(namespace);
    },
  };
}

export type MemberHarness = Awaited<ReturnType<typeof startMemberHarness>>;
