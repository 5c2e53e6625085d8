import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { day, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// No N+1: the SQL statements a page of petitions costs with their replies, history and owners do
// not grow with the page (real PostgreSQL, counted through Prisma's query events).
const clerk = identityOf(Role.CLERK, '610113');
const leader = identityOf(Role.LEADER, '610113', 'leader-1', '王检察长');

const PAGE = `query($first: Int!) {
  petitions(first: $first, filter: { category: [CRIMINAL_APPEAL] }) {
    totalCount
    edges { node { id status petitionerName petitionerIdNumber petitionerPhone leadershipOwned ownerRequired handler nextDueAt overdue
      proceduralRepliedAt resultRepliedAt referredAt referralId
      owner { subject name assignedBy assignedAt } ownerHistory { subject assignedAt }
      replies { kind text authorName repliedAt onTime } history { from to by note at } } }
  }
}`;
const QUEUE = `query($first: Int!) {
  myPetitionQueue(first: $first) { totalCount edges { node { id nextDueAt replies { kind } history { to } owner { name } } } }
}`;

type Page = { petitions: { edges: { node: { replies: unknown[]; history: unknown[]; owner: unknown; ownerHistory: unknown[] } }[] } };
type Queue = { myPetitionQueue: { edges: { node: { replies: unknown[] } }[] } };

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness();
  h.setNow(day(1));
  const ids = await Promise.all(Array.from({ length: 60 }, async () => (await h.receiveOk(clerk, { category: 'CRIMINAL_APPEAL' })).id));
  h.setNow(day(2));
  await Promise.all(
    ids.map(async (petitionId) => {
      expect((await h.reply(petitionId, 'PROCEDURAL', clerk)).errors).toBeUndefined();
      await h.mutateOk('assignPetitionOwner', { petitionId, ownerSubject: leader.subject, ownerName: leader.name }, leader);
    }),
  );
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

async function statementsFor<T>(query: string, first: number, check: (data: T) => void): Promise<number> {
  const statements = await h.statementsOf(async () => {
    const res = await h.as<T>(leader, query, { first });
    expect(res.errors).toBeUndefined();
    check(res.data!);
  });
  return statements.length;
}

describe('petition list cost', () => {
  it('reads a page of 50 petitions with replies, history and owner in a bounded number of statements, the same as for 5', async () => {
    const check = (first: number) => (data: Page) => {
      expect(data.petitions.edges).toHaveLength(first);
      expect(data.petitions.edges.every(({ node }) => node.replies.length === 1 && node.history.length === 2 && node.owner && node.ownerHistory.length === 1)).toBe(true);
    };
    const fifty = await statementsFor<Page>(PAGE, 50, check(50));
    // page, count, replies, history, owner changes: 5.
    expect(fifty).toBeLessThanOrEqual(6);
    expect(await statementsFor<Page>(PAGE, 5, check(5))).toBe(fifty);
  });

  it("reads a leader's queue of 50 with nested lists in the same bounded number", async () => {
    const check = (first: number) => (data: Queue) => expect(data.myPetitionQueue.edges).toHaveLength(first);
    const fifty = await statementsFor<Queue>(QUEUE, 50, check(50));
    expect(fifty).toBeLessThanOrEqual(6);
    expect(await statementsFor<Queue>(QUEUE, 5, check(5))).toBe(fifty);
  });
});

describe("a district's unfiltered total", () => {
  type Total = { petitions: { totalCount: number } };
  const TOTAL = `query($d: ID, $filter: PetitionFilter) { petitions(first: 1, districtCode: $d, filter: $filter) { totalCount } }`;
  const cityLeader = identityOf(Role.LEADER, '610100', 'city-leader');

  it('is read from the tally PostgreSQL keeps (no count over petition), for the district and the city; a filtered total is counted', async () => {
    const countsOverPetition = (statements: string[]) => statements.filter((s) => /count\(/i.test(s) && /FROM "public"\."petition"/.test(s));
    const totalOf = async (who: typeof clerk, variables: Record<string, unknown>) => {
      let total = -1;
      const statements = await h.statementsOf(async () => {
        const res = await h.as<Total>(who, TOTAL, variables);
        expect(res.errors).toBeUndefined();
        total = res.data!.petitions.totalCount;
      });
      return { total, statements };
    };
    const district = await totalOf(clerk, {});
    expect(district.total).toBe(60);
    expect(district.statements.some((s) => /petition_district_tally/.test(s))).toBe(true);
    expect(countsOverPetition(district.statements)).toEqual([]);
    expect((await totalOf(cityLeader, {})).total).toBe(60);
    expect((await totalOf(cityLeader, { d: '610112' })).total).toBe(0);

    const filtered = await totalOf(clerk, { filter: { category: ['STATE_COMPENSATION'] } });
    expect(filtered.total).toBe(0);
    expect(countsOverPetition(filtered.statements)).toHaveLength(1);
  });
});
