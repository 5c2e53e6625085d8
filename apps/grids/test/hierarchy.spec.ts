import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role, type Identity } from '@pgov/auth';
import { identityOf, type GraphQLResponse } from '@pgov/testing';
import type { GridsDb } from '../src/persistence/prisma';
import { DB, startGridsHarness, type GridsHarness } from './support/grids-harness';

// The governance hierarchy through the service's GraphQL on the real database: each change with
// its outbox event, the rules that refuse one, the CSV import (all or nothing), jurisdiction, and
// informant coverage against a recount.
const NOW = new Date('2026-11-26T04:00:00Z');

const admin = identityOf(Role.CITY_ADMIN, '610100');
const districtAdmin = identityOf(Role.CITY_ADMIN, '610113');
const leader113 = identityOf(Role.LEADER, '610113');
const procurator112 = identityOf(Role.PROCURATOR, '610112');
const partner = identityOf(Role.PARTNER, '610100');

let h: GridsHarness;
let db: GridsDb;
let gql: GridsHarness['as'];

const UNIT = `code level name parentCode retired retiredAt retiredReason district { code } __typename`;
const CREATE = `mutation($input: CreateGovernanceUnitInput!) { createGovernanceUnit(input: $input) { ${UNIT} } }`;
const RENAME = `mutation($input: RenameGovernanceUnitInput!) { renameGovernanceUnit(input: $input) { ${UNIT} } }`;
const RETIRE = `mutation($input: RetireGovernanceUnitInput!) { retireGovernanceUnit(input: $input) { ${UNIT} } }`;
const IMPORT = `mutation($csv: String!) { importGovernanceHierarchy(input: { csv: $csv }) { streets communities grids unchanged } }`;

type UnitOut = { code: string; level: string; name: string; parentCode: string; retired: boolean; retiredAt: string | null; retiredReason: string | null; district: { code: string }; __typename: string };

async function create(level: string, code: string, name: string, parentCode: string, who: Identity = admin) {
  return gql<{ createGovernanceUnit: UnitOut }>(who, CREATE, { input: { level, code, name, parentCode } });
}

async function created(level: string, code: string, name: string, parentCode: string): Promise<UnitOut> {
  const res = await create(level, code, name, parentCode);
  expect(res.errors).toBeUndefined();
  return res.data!.createGovernanceUnit;
}

/** The hierarchy events in the outbox for a unit, oldest first. */
async function eventsOf(code: string) {
  const rows = await db.outboxEvent.findMany({ where: { key: code, type: 'grids.hierarchy.changed' }, orderBy: { seq: 'asc' } });
  return rows.map((r) => ({ topic: r.topic, envelope: r.envelope as { district: string; subject: string; data: Record<string, unknown> } }));
}

/** Rows of every table the hierarchy writes: what "nothing written" is checked against. */
async function rowCounts() {
  const [street, community, grid, unitCode, outbox] = await Promise.all([
    db.street.count(),
    db.community.count(),
    db.grid.count(),
    db.unitCode.count(),
    db.outboxEvent.count(),
  ]);
  return { street, community, grid, unitCode, outbox };
}

function errorOf(res: GraphQLResponse<unknown>) {
  expect(res.errors).toHaveLength(1);
  return { message: res.errors![0]!.message, ...res.errors![0]!.extensions };
}

async function addMember(gridCode: string, districtCode: string, status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED', roles: ('INFORMATION_OFFICER' | 'PUBLICIST')[] = []) {
  await db.member.create({
    data: { name: '测试网格员', team: 'GRID_WORKER', informantRoles: roles, status, gridCode, districtCode, joinedOn: new Date('2024-01-01') },
  });
}

beforeAll(async () => {
  h = await startGridsHarness({ clock: () => NOW });
  ({ db, as: gql } = h);
});

afterAll(async () => {
  await h?.stop();
});

describe('creating, renaming and retiring units (CITY_ADMIN of the city)', () => {
  it('creates a street, a community and a grid, each announced through the outbox with its district', async () => {
    expect(await created('STREET', '610113-001', '小寨路街道', '610113')).toMatchObject({
      __typename: 'Street', level: 'STREET', parentCode: '610113', district: { code: '610113' }, retired: false, retiredAt: null,
    });
    expect(await created('COMMUNITY', '610113-001-001', '长延堡社区', '610113-001')).toMatchObject({ __typename: 'Community', district: { code: '610113' } });
    expect(await created('GRID', '610113-001-001-01', '第一网格', '610113-001-001')).toMatchObject({ __typename: 'Grid', parentCode: '610113-001-001' });

    for (const [code, level, parentCode] of [
      ['610113-001', 'STREET', '610113'],
      ['610113-001-001', 'COMMUNITY', '610113-001'],
      ['610113-001-001-01', 'GRID', '610113-001-001'],
    ] as const) {
      const events = await eventsOf(code);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        topic: 'grids.hierarchy.v1',
        envelope: { subject: code, district: '610113', data: { code, level, change: 'CREATED', parentCode, districtCode: '610113', previousName: null, changedAt: NOW.toISOString() } },
      });
      expect(await db.unitCode.findUnique({ where: { code } })).toEqual({ code, level });
    }
  });

  it('renames each level, announcing the previous name; the same name again changes and announces nothing', async () => {
    for (const [code, name] of [
      ['610113-001', '小寨路街道办事处'],
      ['610113-001-001', '长延堡街区'],
      ['610113-001-001-01', '第一号网格'],
    ] as const) {
      const before = await eventsOf(code);
      const res = await gql<{ renameGovernanceUnit: UnitOut }>(admin, RENAME, { input: { code, name: ` ${name} ` } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.renameGovernanceUnit).toMatchObject({ code, name });
      const events = await eventsOf(code);
      expect(events).toHaveLength(before.length + 1);
      expect(events.at(-1)!.envelope.data).toMatchObject({ change: 'RENAMED', name, previousName: before.at(-1)!.envelope.data['name'] });
      await gql(admin, RENAME, { input: { code, name } });
      expect(await eventsOf(code)).toHaveLength(before.length + 1);
    }
    const grid = await gql<{ grid: { name: string; street: string; community: string } }>(leader113, `{ grid(code: "610113-001-001-01") { name street community } }`);
    expect(grid.data!.grid).toEqual({ name: '第一号网格', street: '小寨路街道办事处', community: '长延堡街区' });
  });

  it('refuses a parent that is unknown, of the wrong level or not a district, naming input.parentCode', async () => {
    const cases: [string, string, string, RegExp][] = [
      ['STREET', '610113-900', '610100', /not one of the 13 district codes/],
      ['COMMUNITY', '610113-901', '610113-999', /is not a known street/],
      ['COMMUNITY', '610113-902', '610113-001-001', /is a community, not a street/],
      ['GRID', '610113-903', '610113-001', /is a street, not a community/],
    ];
    for (const [level, code, parentCode, reason] of cases) {
      expect(errorOf(await create(level, code, '名', parentCode))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentCode', reason: expect.stringMatching(reason) });
    }
    expect(errorOf(await create('GRID', '610112-904', '名', '610113-001-001'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(errorOf(await create('STREET', 'bad code', '名', '610113'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('refuses a code already used at any level (CONFLICT naming it), writing nothing', async () => {
    const before = await rowCounts();
    for (const [level, parentCode] of [
      ['GRID', '610113-001-001'],
      ['COMMUNITY', '610113-001'],
      ['STREET', '610112'],
    ] as const) {
      const e = errorOf(await create(level, '610113-001', '重复', parentCode));
      expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('610113-001') });
    }
    expect(errorOf(await create('STREET', '610113-001-001-01', '重复', '610113'))).toMatchObject({ code: 'CONFLICT' });
    expect(await rowCounts()).toEqual(before);
  });

  it('lets exactly one of two concurrent creations of a code win, whatever their levels', async () => {
    // In 阎良区 (610114), which no other test reads.
    await created('STREET', '610114-001', '凤凰路街道', '610114');
    await created('COMMUNITY', '610114-001-001', '凤凰社区', '610114-001');
    const results = await Promise.all([
      create('STREET', '610114-070', '并发街道', '610114'),
      create('COMMUNITY', '610114-070', '并发社区', '610114-001'),
      create('GRID', '610114-070', '并发网格', '610114-001-001'),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.['code'])).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await eventsOf('610114-070')).toHaveLength(1);
  });

  it('refuses every change to everyone but a CITY_ADMIN of the city (FORBIDDEN), writing nothing', async () => {
    const before = await rowCounts();
    for (const who of [districtAdmin, leader113, procurator112, identityOf(Role.GRID_WORKER, '610113'), partner]) {
      expect(errorOf(await create('STREET', '610113-050', '街道', '610113', who))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await gql(who, RENAME, { input: { code: '610113-001', name: 'x' } }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await gql(who, RETIRE, { input: { code: '610113-001-001-01', reason: 'x' } }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await gql(who, IMPORT, { csv: 'level,code,name,parent_code\nSTREET,610113-051,s,610113' }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('retires bottom-up only: not while units or ACTIVE/SUSPENDED members serve under it, not twice', async () => {
    await created('STREET', '610113-002', '大雁塔街道', '610113');
    await created('COMMUNITY', '610113-002-001', '雁塔社区', '610113-002');
    await created('GRID', '610113-002-001-01', '雁塔一网格', '610113-002-001');
    const retire = (code: string) => gql<{ retireGovernanceUnit: UnitOut }>(admin, RETIRE, { input: { code, reason: '区划调整' } });

    expect(errorOf(await retire('610113-002'))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/still has 1 community/) });
    expect(errorOf(await retire('610113-002-001'))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/still has 1 grid/) });
    await addMember('610113-002-001-01', '610113', 'SUSPENDED');
    await addMember('610113-002-001-01', '610113', 'RETIRED');
    expect(errorOf(await retire('610113-002-001-01'))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/1 ACTIVE or SUSPENDED/) });
    await db.member.updateMany({ where: { gridCode: '610113-002-001-01' }, data: { status: 'RETIRED' } });

    for (const code of ['610113-002-001-01', '610113-002-001', '610113-002']) {
      const res = await retire(code);
      expect(res.errors).toBeUndefined();
      expect(res.data!.retireGovernanceUnit).toMatchObject({ code, retired: true, retiredAt: NOW.toISOString(), retiredReason: '区划调整' });
      expect((await eventsOf(code)).at(-1)!.envelope.data).toMatchObject({ change: 'RETIRED', code });
    }
    expect(errorOf(await retire('610113-002'))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already retired/) });
    expect(errorOf(await create('COMMUNITY', '610113-002-009', '新社区', '610113-002'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: expect.stringMatching(/is retired/) });
    expect(errorOf(await gql(admin, RENAME, { input: { code: '610113-002', name: '新名' } }))).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(await retire('610113-nope'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('importing a hierarchy from CSV', () => {
  const sample = readFileSync(join(__dirname, 'fixtures', 'hierarchy-sample.csv'), 'utf8');

  it('refuses a file with one bad row, naming its line, and writes nothing', async () => {
    const lines = sample.trim().split('\n');
    lines[4] = 'GRID,610113-101-001-02,第二网格,610113-101-009'; // line 5: a parent nobody has
    const before = await rowCounts();
    const e = errorOf(await gql(admin, IMPORT, { csv: lines.join('\n') }));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv', reason: 'line 5: parent 610113-101-009 is neither known nor on an earlier line' });
    expect(await rowCounts()).toEqual(before);
  });

  it('creates every unit of a good file with one event each; importing it again changes nothing', async () => {
    const before = await rowCounts();
    const res = await gql<{ importGovernanceHierarchy: unknown }>(admin, IMPORT, { csv: sample });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGovernanceHierarchy).toEqual({ streets: 2, communities: 3, grids: 4, unchanged: 0 });
    expect(await rowCounts()).toEqual({
      street: before.street + 2,
      community: before.community + 3,
      grid: before.grid + 4,
      unitCode: before.unitCode + 9,
      outbox: before.outbox + 9,
    });
    expect((await eventsOf('610112-101-001-01'))[0]!.envelope).toMatchObject({ district: '610112', data: { change: 'CREATED', level: 'GRID', parentCode: '610112-101-001' } });

    const again = await gql<{ importGovernanceHierarchy: unknown }>(admin, IMPORT, { csv: sample });
    expect(again.data!.importGovernanceHierarchy).toEqual({ streets: 0, communities: 0, grids: 0, unchanged: 9 });
    expect((await rowCounts()).outbox).toBe(before.outbox + 9);
  });

  it('is also a tool that imports a file straight into DATABASE_URL', async () => {
    const file = join(__dirname, 'fixtures', 'hierarchy-sample.csv');
    const tool = join(__dirname, '..', 'src', 'tools', 'import-hierarchy.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', tool, '--file', file], {
      env: { ...process.env, DATABASE_URL: DB },
      cwd: join(__dirname, '..', '..', '..'),
    });
    expect(stdout).toMatch(/tool:import-hierarchy .*0 streets, 0 communities, 0 grids created; 9 unchanged/);
  });
});

describe('reading the hierarchy', () => {
  const TREE = `query($code: ID!) {
    district(code: $code) {
      streets(first: 10) { totalCount edges { node { code name
        communities { totalCount edges { node { code parent { code } grids { totalCount edges { node { code level parentCode parent { code } hasActiveInformationOfficer } } } } } } } } }
    }
  }`;

  it('walks district → streets → communities → grids, with parents', async () => {
    const res = await gql<{ district: { streets: { totalCount: number; edges: { node: { code: string; communities: { edges: { node: { code: string; parent: { code: string }; grids: { edges: { node: Record<string, unknown> }[] } } }[] } } }[] } } }>(
      leader113,
      TREE,
      { code: '610113' },
    );
    expect(res.errors).toBeUndefined();
    // 610113-002 is retired: left out by default.
    expect(res.data!.district.streets.edges.map((e) => e.node.code)).toEqual(['610113-001', '610113-101']);
    const electronics = res.data!.district.streets.edges[1]!.node;
    expect(electronics.communities.edges.map((e) => e.node.code)).toEqual(['610113-101-001', '610113-101-002']);
    expect(electronics.communities.edges[0]!.node.parent.code).toBe('610113-101');
    expect(electronics.communities.edges[0]!.node.grids.edges.map((e) => e.node)).toEqual([
      { code: '610113-101-001-01', level: 'GRID', parentCode: '610113-101-001', parent: { code: '610113-101-001' }, hasActiveInformationOfficer: false },
      { code: '610113-101-001-02', level: 'GRID', parentCode: '610113-101-001', parent: { code: '610113-101-001' }, hasActiveInformationOfficer: false },
    ]);
  });

  it('lists units of a level by code in pages, with retired ones on request', async () => {
    const LIST = `query($after: String, $retired: Boolean) {
      governanceUnits(level: STREET, districtCode: "610113", first: 1, after: $after, includeRetired: $retired) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { code retired } }
      }
    }`;
    type Page = { governanceUnits: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { code: string } }[] } };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResponse<Page> = await gql<Page>(admin, LIST, { after, retired: true });
      expect(page.data!.governanceUnits.totalCount).toBe(3);
      seen.push(...page.data!.governanceUnits.edges.map((e) => e.node.code));
      if (!page.data!.governanceUnits.pageInfo.hasNextPage) break;
      after = page.data!.governanceUnits.pageInfo.endCursor;
    }
    expect(seen).toEqual(['610113-001', '610113-002', '610113-101']);
    expect((await gql<Page>(admin, LIST, {})).data!.governanceUnits.totalCount).toBe(2);
    const children = await gql<{ governanceUnits: { edges: { node: { code: string } }[] } }>(
      admin,
      `{ governanceUnits(level: GRID, parentCode: "610113-101-001") { edges { node { code } } } }`,
    );
    expect(children.data!.governanceUnits.edges.map((e) => e.node.code)).toEqual(['610113-101-001-01', '610113-101-001-02']);
    expect(errorOf(await gql(admin, `{ governanceUnits(level: GRID, after: "bm90IGEgY3Vyc29y") { totalCount } }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("shows a district's staff only their district's units; another district's answer as if they did not exist", async () => {
    const one = `query($code: ID!) { governanceUnit(code: $code) { code __typename } }`;
    expect((await gql<{ governanceUnit: unknown }>(procurator112, one, { code: '610112-101-001' })).data!.governanceUnit).toEqual({ code: '610112-101-001', __typename: 'Community' });
    for (const code of ['610113-001', '610113-001-001', '610113-001-001-01', 'no-such-unit']) {
      const res = await gql<{ governanceUnit: unknown }>(procurator112, one, { code });
      expect(res.errors).toBeUndefined();
      expect(res.data!.governanceUnit).toBeNull();
    }
    const list = (districtCode: string | null) =>
      gql<{ governanceUnits: { totalCount: number; edges: { node: { code: string } }[] } }>(
        procurator112,
        `query($d: ID) { governanceUnits(level: GRID, districtCode: $d) { totalCount edges { node { code } } } }`,
        { d: districtCode },
      );
    expect((await list(null)).data!.governanceUnits.edges.map((e) => e.node.code)).toEqual(['610112-101-001-01']);
    expect((await list('610113')).data!.governanceUnits.totalCount).toBe(0);
    expect((await list('610100')).data!.governanceUnits.totalCount).toBe(0);
    const under113 = await gql<{ governanceUnits: { totalCount: number } }>(procurator112, `{ governanceUnits(level: GRID, parentCode: "610113-101-001") { totalCount } }`);
    expect(under113.data!.governanceUnits.totalCount).toBe(0);
    expect((await gql<{ grid: unknown }>(procurator112, `{ grid(code: "610113-001-001-01") { code } }`)).data!.grid).toBeNull();
    expect((await gql<{ governanceUnits: { totalCount: number } }>(partner, `{ governanceUnits(level: STREET) { totalCount } }`)).data!.governanceUnits.totalCount).toBe(0);
  });
});

describe('informant coverage', () => {
  const COVERAGE = `query($code: ID!) {
    district(code: $code) {
      informantCoverage
      coverage { grids covered share uncoveredGrids(first: 100) { totalCount edges { node { code } } } }
    }
  }`;
  type CoverageOut = { district: { informantCoverage: number; coverage: { grids: number; covered: number; share: number; uncoveredGrids: { totalCount: number; edges: { node: { code: string } }[] } } } };

  /** Coverage recounted here from the rows: grids not retired, with an ACTIVE information officer. */
  async function recount(districtCode: string) {
    const grids = await db.grid.findMany({ where: { retiredAt: null, ...(districtCode === '610100' ? {} : { districtCode }) }, select: { code: true } });
    const members = await db.member.findMany({ select: { gridCode: true, status: true, informantRoles: true } });
    const covered = new Set(members.filter((m) => m.status === 'ACTIVE' && m.informantRoles.includes('INFORMATION_OFFICER')).map((m) => m.gridCode));
    const uncovered = grids.map((g) => g.code).filter((c) => !covered.has(c)).sort();
    const coveredCount = grids.length - uncovered.length;
    return { grids: grids.length, covered: coveredCount, share: grids.length === 0 ? 0 : coveredCount / grids.length, uncovered };
  }

  beforeAll(async () => {
    // 610113: ACTIVE officer (covered), SUSPENDED officer only, ACTIVE publicist only; a retired grid
    // with an officer is not counted. 610112: one covered grid.
    await addMember('610113-101-001-01', '610113', 'ACTIVE', ['INFORMATION_OFFICER']);
    await addMember('610113-101-001-02', '610113', 'SUSPENDED', ['INFORMATION_OFFICER']);
    await addMember('610113-101-002-01', '610113', 'ACTIVE', ['PUBLICIST']);
    await addMember('610113-002-001-01', '610113', 'ACTIVE', ['INFORMATION_OFFICER']);
    await addMember('610112-101-001-01', '610112', 'ACTIVE', ['INFORMATION_OFFICER', 'PUBLICIST']);
  });

  it.each(['610113', '610112', '610100'])('of %s equals a recount of the rows', async (code) => {
    const res = await gql<CoverageOut>(admin, COVERAGE, { code });
    expect(res.errors).toBeUndefined();
    const expected = await recount(code);
    const { coverage, informantCoverage } = res.data!.district;
    expect(coverage).toMatchObject({ grids: expected.grids, covered: expected.covered });
    expect(coverage.share).toBeCloseTo(expected.share, 10);
    expect(informantCoverage).toBeCloseTo(expected.share, 10);
    expect(coverage.uncoveredGrids.totalCount).toBe(expected.uncovered.length);
    expect(coverage.uncoveredGrids.edges.map((e) => e.node.code)).toEqual(expected.uncovered);
  });

  it('is what the numbers say for 610113 (1 of its 4 grids in service has an ACTIVE officer)', async () => {
    const res = await gql<CoverageOut>(leader113, COVERAGE, { code: '610113' });
    expect(res.data!.district.coverage).toMatchObject({ grids: 4, covered: 1, share: 0.25 });
    const grid = await gql<{ grid: { hasActiveInformationOfficer: boolean } }>(leader113, `{ grid(code: "610113-101-001-01") { hasActiveInformationOfficer } }`);
    expect(grid.data!.grid.hasActiveInformationOfficer).toBe(true);
  });
});
