import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  identityOf,
  serviceTestEnv,
  testDatabaseUrl,
  type TestKeys,
  testNamespace,
  truncateTables,
} from '@pgov/testing';
import { readConfig } from '../src/config';
import { createDb } from '../src/persistence/prisma';
import { demoNetwork, type DemoScale } from '../src/seed/demo-data';
import { createGridsService } from '../src/service';

// No N+1: the SQL statements a page costs do not grow with the page (real PostgreSQL, counted
// through Prisma's query events).
const DB = testDatabaseUrl('grids');
const NAMESPACE = testNamespace();
const scale: DemoScale = { streetsPerDistrict: 2, communitiesPerStreet: 5, gridsPerCommunity: 6, membersPerGrid: 3 }; // 60 grids per district
const PAGE = `query($first: Int!) {
  district(code: "610113") {
    name informantCoverage
    grids(first: $first) {
      totalCount
      edges { node { code street community district { name }
        members { totalCount edges { node { name grid { code } pointBalance phone idNumber } } } } }
    }
  }
}`;

let statements: string[] = [];
let keys: TestKeys;
let service: ReturnType<typeof createGridsService>;
let url: string;

beforeAll(async () => {
  await truncateTables(DB, ['district']);
  const seed = createDb(DB);
  for (const part of demoNetwork(11, scale)) {
    if (part.district.code !== '610113') continue;
    await seed.street.createMany({ data: part.streets });
    await seed.community.createMany({ data: part.communities });
    await seed.grid.createMany({ data: part.grids });
    await seed.member.createMany({ data: part.members });
  }
  await seed.$disconnect();
  keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('grids', { keys, namespace: NAMESPACE }));
  service = createGridsService(config, createLogger('grids-test', 'silent'), (sql) => statements.push(sql));
  url = await service.start();
});

afterAll(async () => {
  await service?.stop();
  await deleteNamespace(NAMESPACE);
});

async function statementsFor(first: number) {
  const token = await keys.token(identityOf(Role.LEADER, '610113'));
  statements = [];
  const res = await graphql<{ district: { grids: { edges: { node: { members: { edges: unknown[] } } }[] } } }>(url, PAGE, { first }, token);
  expect(res.errors).toBeUndefined();
  const page = res.data!.district.grids.edges;
  expect(page).toHaveLength(first);
  expect(page.every((g) => g.node.members.edges.length === 3)).toBe(true);
  // Only this request's statements: leave out the outbox relay's polls running meanwhile.
  const mine = statements.filter((s) => !/outbox_event|pg_try_advisory_xact_lock|^(BEGIN|COMMIT|ROLLBACK)/.test(s));
  return mine.length;
}

describe('grids list cost', () => {
  it('reads a page of 50 grids with their members, districts and point balances in a bounded number of statements', async () => {
    const fifty = await statementsFor(50);
    // district, grid page (grid + community + street), grid count, members, member counts, balances, coverage: 9.
    expect(fifty).toBeLessThanOrEqual(10);
    // The same statements for 5 grids as for 50: nothing is fetched per row.
    expect(await statementsFor(5)).toBe(fifty);
  });
});
