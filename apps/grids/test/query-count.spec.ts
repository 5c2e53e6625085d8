import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { demoNetwork, type DemoScale } from '../src/seed/demo-data';
import { startGridsHarness, type GridsHarness } from './support/grids-harness';

// No N+1: the SQL statements a page costs do not grow with the page (real PostgreSQL, counted
// through Prisma's query events).
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

let h: GridsHarness;

beforeAll(async () => {
  h = await startGridsHarness({
    beforeStart: async (seed) => {
      for (const part of demoNetwork(11, scale)) {
        if (part.district.code !== '610113') continue;
        await seed.street.createMany({ data: part.streets });
        await seed.community.createMany({ data: part.communities.map((c) => ({ ...c, districtCode: part.district.code })) });
        await seed.grid.createMany({ data: part.grids });
        await seed.member.createMany({ data: part.members });
      }
    },
  });
});

afterAll(async () => {
  await h?.stop();
});

/** The SQL statements one request costs (the harness leaves out the outbox relay's polls meanwhile). */
async function statementsOf<T>(query: string, first: number, check: (data: T) => void): Promise<number> {
  const mine = await h.statementsOf(async () => {
    const res = await h.as<T>(identityOf(Role.LEADER, '610113'), query, { first });
    expect(res.errors).toBeUndefined();
    check(res.data!);
  });
  return mine.length;
}

type GridPage = { grids: { edges: { node: { members: { edges: unknown[] } } }[] } };

function statementsFor(first: number) {
  return statementsOf<{ district: GridPage }>(PAGE, first, (data) => {
    const page = data.district.grids.edges;
    expect(page).toHaveLength(first);
    expect(page.every((g) => g.node.members.edges.length === 3)).toBe(true);
  });
}

// Every level of the hierarchy nested in the one above: one statement per level, whatever the page.
const TREE = `query($first: Int!) {
  district(code: "610113") {
    coverage { grids covered }
    streets(first: $first) { totalCount edges { node { code district { name }
      communities(first: $first) { totalCount edges { node { code parent { code }
        grids(first: $first) { totalCount edges { node { code parent { name } hasActiveInformationOfficer
          members { totalCount edges { node { name } } } } } } } } } } } }
  }
}`;

type Tree = { district: { streets: { edges: { node: { communities: { edges: { node: GridPage }[] } } }[] } } };

function statementsForTree(first: number) {
  return statementsOf<Tree>(TREE, first, (data) => {
    const streets = data.district.streets.edges;
    expect(streets).toHaveLength(Math.min(first, scale.streetsPerDistrict));
    const communities = streets.flatMap((s) => s.node.communities.edges);
    expect(communities).toHaveLength(streets.length * Math.min(first, scale.communitiesPerStreet));
    const grids = communities.flatMap((c) => c.node.grids.edges);
    expect(grids).toHaveLength(communities.length * Math.min(first, scale.gridsPerCommunity));
    expect(grids.every((g) => g.node.members.edges.length === 3)).toBe(true);
  });
}

describe('grids list cost', () => {
  it('reads a page of 50 grids with their members, districts and point balances in a bounded number of statements', async () => {
    const fifty = await statementsFor(50);
    // district, coverage, grid page with its count, members, member counts, balances: 6.
    expect(fifty).toBeLessThanOrEqual(10);
    // The same statements for 5 grids as for 50: nothing is fetched per row.
    expect(await statementsFor(5)).toBe(fifty);
  });

  it('reads district → streets → communities → grids → members in one statement per level', async () => {
    const wide = await statementsForTree(6);
    // district, coverage, streets, communities, grids, information officers, members, member counts: 8.
    expect(wide).toBeLessThanOrEqual(10);
    // 2 × 5 × 6 grids or 2 × 2 × 2: the same statements.
    expect(await statementsForTree(2)).toBe(wide);
  });
});
