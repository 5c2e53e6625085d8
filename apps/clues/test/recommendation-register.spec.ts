import { Role } from '@pgov/auth';
import { identityOf, type GraphQLResponse } from '@pgov/testing';
import { seedClue, seedClues, startRecommendationHarness, type RecommendationHarness } from './support/recommendation-harness';

// Reading recommendations: the register (newest first, filters, cursors), who sees what, the
// nested clues and history, Clue.recommendations, and the SQL a page costs (no N+1).
const procurator = identityOf(Role.PROCURATOR, '610113');
const clerk = identityOf(Role.CLERK, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');
const cityLeader = identityOf(Role.LEADER, '610100');
const stranger = identityOf(Role.PROCURATOR, '610102');
const worker = identityOf(Role.GRID_WORKER, '610113');

let h: RecommendationHarness;
const clues: Record<string, string> = {};
const recs: Record<string, string> = {};

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; documentNumber: string } }[] };
const LIST = `query($first: Int, $after: String, $districtCode: ID, $filter: RecommendationFilter) {
  recommendations(first: $first, after: $after, districtCode: $districtCode, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id documentNumber } } } }`;

async function list(who = procurator, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<{ recommendations: Page }>> {
  return h.as<{ recommendations: Page }>(who, LIST, variables);
}
async function numbers(who = procurator, variables: Record<string, unknown> = {}): Promise<string[]> {
  const res = await list(who, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.recommendations.edges.map((e) => e.node.documentNumber);
}

beforeAll(async () => {
  h = await startRecommendationHarness({ countStatements: true });
  clues.c1 = await seedClue('610113');
  clues.c2 = await seedClue('610113');
  clues.own = await seedClue('610113', { submittedBy: worker.subject });
  clues.elsewhere = await seedClue('610102');

  h.setNow('2026-10-01T02:00:00Z'); // due 2026-12-01
  recs.food = (await h.issueOk(procurator, { kind: 'SOCIAL_GOVERNANCE', title: '校园周边食品安全隐患', agencyName: '雁塔区市场监管局', clueIds: [clues.c1] })).id;
  h.setNow('2026-10-15T02:00:00Z'); // due 2026-12-15
  recs.river = (await h.issueOk(procurator, { title: '督促整治河道排污', agencyName: '雁塔区生态环境局', clueIds: [clues.c1, clues.c2] })).id;
  await h.mutateOk('recordRecommendationReply', { recommendationId: recs.river, adoption: 'ADOPTED', text: '已整改' }, procurator);
  h.setNow('2026-11-20T02:00:00Z'); // due 2027-01-20
  recs.fire = (await h.issueOk(procurator, { kind: 'CORRECTION_OF_VIOLATION', title: 'Fire exits blocked', agencyName: '雁塔区应急管理局', clueIds: [clues.own] })).id;
  h.setNow('2026-11-21T02:00:00Z');
  recs.xincheng = (await h.issueOk(cityAdmin, { districtCode: '610102', agencyName: '新城区住建局', clueIds: [clues.elsewhere] })).id;
  h.setNow('2026-11-22T02:00:00Z');
  recs.city = (await h.issueOk(cityAdmin, { agencyName: '西安市生态环境局', clueIds: [clues.c1, clues.elsewhere] })).id;
  // "Now": the food one is past due and unanswered, though no sweep has run.
  h.setNow('2026-12-10T02:00:00Z');
});

afterAll(async () => {
  await h?.stop();
});

describe('the register', () => {
  it("lists the caller's district newest first", async () => {
    expect(await numbers()).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕2号', '雁检建〔2026〕1号']);
    expect((await list()).data!.recommendations.totalCount).toBe(3);
  });

  it('filters by status, kind, due dates and text on titles and agency names (case-insensitive)', async () => {
    expect(await numbers(procurator, { filter: { status: ['REPLIED'] } })).toEqual(['雁检建〔2026〕2号']);
    expect(await numbers(procurator, { filter: { status: ['ISSUED', 'OVERDUE'] } })).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕1号']);
    expect(await numbers(procurator, { filter: { kind: ['SOCIAL_GOVERNANCE', 'CORRECTION_OF_VIOLATION'] } })).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕1号']);
    expect(await numbers(procurator, { filter: { dueFrom: '2026-12-15' } })).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕2号']);
    expect(await numbers(procurator, { filter: { dueTo: '2026-12-15' } })).toEqual(['雁检建〔2026〕2号', '雁检建〔2026〕1号']);
    expect(await numbers(procurator, { filter: { dueFrom: '2026-12-02', dueTo: '2027-01-19' } })).toEqual(['雁检建〔2026〕2号']);
    expect(await numbers(procurator, { filter: { text: '食品' } })).toEqual(['雁检建〔2026〕1号']);
    expect(await numbers(procurator, { filter: { text: '生态环境' } })).toEqual(['雁检建〔2026〕2号']);
    expect(await numbers(procurator, { filter: { text: 'fire EXITS' } })).toEqual(['雁检建〔2026〕3号']);
    // Taken literally, not as LIKE patterns.
    expect(await numbers(procurator, { filter: { text: '%' } })).toEqual([]);
    expect(await numbers(procurator, { filter: { text: 'Fire_exits' } })).toEqual([]);
    expect(await numbers(procurator, { filter: { text: '\\' } })).toEqual([]);
    const total = await list(procurator, { filter: { kind: ['PUBLIC_INTEREST_PRE_LITIGATION'] } });
    expect(total.data!.recommendations.totalCount).toBe(1);
  });

  it('finds the overdue from the clock, before any sweep, and the rest with overdue: false', async () => {
    expect(await numbers(procurator, { filter: { overdue: true } })).toEqual(['雁检建〔2026〕1号']);
    expect(await numbers(procurator, { filter: { overdue: false } })).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕2号']);
    const res = await h.as<{ recommendation: { status: string; overdue: boolean } }>(procurator, `query($id: ID!) { recommendation(id: $id) { status overdue } }`, { id: recs.food });
    expect(res.data!.recommendation).toEqual({ status: 'ISSUED', overdue: true });
    expect(await h.sweep()).toBe(1);
    expect(await numbers(procurator, { filter: { overdue: true, status: ['OVERDUE'] } })).toEqual(['雁检建〔2026〕1号']);
  });

  it('pages with cursors, and refuses a forged cursor and a bad date', async () => {
    const first = (await list(procurator, { first: 2 })).data!.recommendations;
    expect(first.edges.map((e) => e.node.documentNumber)).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕2号']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await list(procurator, { first: 2, after: first.pageInfo.endCursor })).data!.recommendations;
    expect(second.edges.map((e) => e.node.documentNumber)).toEqual(['雁检建〔2026〕1号']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.totalCount).toBe(3);
    const forged = await list(procurator, { after: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url') });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badDate = await list(procurator, { filter: { dueFrom: '2026-02-30' } });
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dueFrom' });
  });
});

describe('who sees what', () => {
  it('shows city staff every district and the city, or one district when asked', async () => {
    for (const who of [cityAdmin, cityLeader]) {
      expect((await list(who)).data!.recommendations.totalCount).toBe(5);
      expect(await numbers(who, { districtCode: '610102' })).toEqual(['新检建〔2026〕1号']);
    }
    expect(await numbers(cityAdmin, { first: 2 })).toEqual(['西检建〔2026〕1号', '新检建〔2026〕1号']);
  });

  it("shows a district's clerk its register, read-only", async () => {
    expect(await numbers(clerk)).toEqual(['雁检建〔2026〕3号', '雁检建〔2026〕2号', '雁检建〔2026〕1号']);
  });

  it('shows another district nothing of it: not by id, not in lists, not through District or a reference', async () => {
    const res = await h.as(stranger, `query($id: ID!) {
      recommendation(id: $id) { id }
      all: recommendations { totalCount edges { node { documentNumber } } }
      theirs: recommendations(districtCode: "610113") { totalCount }
      _entities(representations: [{ __typename: "District", code: "610113" }, { __typename: "Recommendation", id: $id }]) {
        ... on District { recommendations { totalCount } }
        ... on Recommendation { id }
      } }`, { id: recs.food });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      recommendation: null,
      all: { totalCount: 1, edges: [{ node: { documentNumber: '新检建〔2026〕1号' } }] },
      theirs: { totalCount: 0 },
      _entities: [{ recommendations: { totalCount: 0 } }, null],
    });
  });

  it('shows grid workers, analysts and partners none', async () => {
    for (const who of [worker, identityOf(Role.ANALYST, '610100'), identityOf(Role.PARTNER, '610100'), identityOf(Role.HEARING_OFFICER, '610113')]) {
      const res = await h.as(who, `query($id: ID!) { recommendation(id: $id) { id } recommendations { totalCount } }`, { id: recs.food });
      expect(res.data).toEqual({ recommendation: null, recommendations: { totalCount: 0 } });
    }
  });

  it('answers District.recommendations for its district, and the city for all', async () => {
    const res = await h.as<{ _entities: { code: string; recommendations: Page }[] }>(
      cityAdmin,
      `{ _entities(representations: [{ __typename: "District", code: "610113" }, { __typename: "District", code: "610100" }]) {
          ... on District { code recommendations(filter: { status: [REPLIED] }) { totalCount edges { node { documentNumber } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((d) => [d.code, d.recommendations.totalCount])).toEqual([
      ['610113', 1],
      ['610100', 1],
    ]);
    expect((await h.as<{ _entities: { recommendations: Page }[] }>(procurator, `{ _entities(representations: [{ __typename: "District", code: "610113" }]) { ... on District { recommendations { totalCount } } } }`)).data!._entities[0]!.recommendations.totalCount).toBe(3);
  });
});

describe('nested fields', () => {
  it('answers a recommendation with its clues and its history', async () => {
    const res = await h.as<{ recommendation: { clues: { id: string }[]; history: { from: string | null; to: string; by: string }[]; repliedOnTime: boolean } }>(
      clerk,
      `query($id: ID!) { recommendation(id: $id) { repliedOnTime clues { id } history { from to by } } }`,
      { id: recs.river },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recommendation.clues.map((c) => c.id).sort()).toEqual([clues.c1, clues.c2].sort());
    expect(res.data!.recommendation.history).toEqual([
      { from: null, to: 'ISSUED', by: procurator.subject },
      { from: 'ISSUED', to: 'REPLIED', by: procurator.subject },
    ]);
    expect(res.data!.recommendation.repliedOnTime).toBe(true);
  });

  it("answers Clue.recommendations with those the caller may see, newest first; a grid worker's own clue shows none", async () => {
    const Q = `query($id: ID!) { clue(id: $id) { id recommendations { documentNumber } } }`;
    const forProcurator = await h.as<{ clue: { recommendations: { documentNumber: string }[] } }>(procurator, Q, { id: clues.c1 });
    expect(forProcurator.data!.clue.recommendations.map((r) => r.documentNumber)).toEqual(['雁检建〔2026〕2号', '雁检建〔2026〕1号']);
    const forCity = await h.as<{ clue: { recommendations: { documentNumber: string }[] } }>(cityAdmin, Q, { id: clues.c1 });
    expect(forCity.data!.clue.recommendations.map((r) => r.documentNumber)).toEqual(['西检建〔2026〕1号', '雁检建〔2026〕2号', '雁检建〔2026〕1号']);
    const forWorker = await h.as<{ clue: { id: string; recommendations: unknown[] } }>(worker, Q, { id: clues.own });
    expect(forWorker.errors).toBeUndefined();
    expect(forWorker.data!.clue).toEqual({ id: clues.own, recommendations: [] });
  });

  it("shows a city recommendation's clues of every district to city staff", async () => {
    const res = await h.as<{ recommendation: { clues: { id: string }[] } }>(cityAdmin, `query($id: ID!) { recommendation(id: $id) { clues { id } } }`, { id: recs.city });
    expect(res.data!.recommendation.clues.map((c) => c.id).sort()).toEqual([clues.c1, clues.elsewhere].sort());
  });
});

describe('no N+1', () => {
  const PAGE = `query($first: Int!) { recommendations(first: $first, districtCode: "610124") {
    totalCount edges { node { documentNumber overdue repliedOnTime clues { id number title } history { from to by at } } } } }`;
  type NestedPage = { recommendations: { edges: { node: { clues: unknown[]; history: unknown[] } }[] } };

  async function statementsFor(first: number): Promise<number> {
    const statements = await h.statementsOf(async () => {
      const res = await h.as<NestedPage>(identityOf(Role.LEADER, '610124'), PAGE, { first });
      expect(res.errors).toBeUndefined();
      const page = res.data!.recommendations.edges;
      expect(page).toHaveLength(first);
      expect(page.every((e) => e.node.clues.length === 2 && e.node.history.length === 2)).toBe(true);
    });
    return statements.length;
  }

  it('costs the same few statements for a page of 5 and of 50 recommendations with their clues and history', async () => {
    const zhouzhi = identityOf(Role.PROCURATOR, '610124');
    const cited = await seedClues('610124', 100);
    const issued = await Promise.all(Array.from({ length: 50 }, (_, i) => h.issueOk(zhouzhi, { title: `批量 ${i}`, clueIds: [cited[2 * i]!, cited[2 * i + 1]!] })));
    await Promise.all(issued.map((r) => h.mutateOk('recordRecommendationReply', { recommendationId: r.id, adoption: 'ADOPTED', text: '已整改' }, zhouzhi)));

    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    // The page, its count, the clue links with their clues, the history.
    expect(fifty).toBeLessThanOrEqual(5);
  });
});
