import { Role } from '@pgov/auth';
import { identityOf, type GraphQLResponse } from '@pgov/testing';
import { day, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// Reading petitions: the handler's deadline queue (nearest deadline first, keyset pages), the
// intake list's filters (channel, first time, overdue by the service clock), and jurisdiction.
const clerk = identityOf(Role.CLERK, '610113', 'clerk-1');
const leader = identityOf(Role.LEADER, '610113', 'leader-1');
const procurator = identityOf(Role.PROCURATOR, '610113', 'procurator-1');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100', 'admin-1');

const QUEUE = `query($first: Int, $after: String) {
  myPetitionQueue(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id nextDueAt status handler } } }
}`;
const LIST = `query($filter: PetitionFilter, $districtCode: ID) {
  petitions(first: 100, districtCode: $districtCode, filter: $filter) { totalCount edges { node { id } } }
}`;

type QueuePage = { myPetitionQueue: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; nextDueAt: string | null } }[] } };

let h: PetitionsHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startPetitionsHarness();
  const receive = async (name: string, receivedOn: number, overrides: Record<string, unknown> = {}) => {
    h.setNow(day(receivedOn));
    ids[name] = (await h.receiveOk(clerk, { receivedAt: day(receivedOn).toISOString(), ...overrides })).id;
  };
  await receive('early', 0);
  await receive('visit', 2, { channel: 'VISIT', firstTime: false });
  await receive('middle', 1);
  await receive('answered', 0);
  await receive('referred', 0);
  h.setNow(day(3));
  ids.other = (await h.receiveOk(cityAdmin, { districtCode: '610102', receivedAt: day(0).toISOString() })).id;
  // "answered": acknowledged and a progress reply in: no deadline left, still open.
  await h.reply(ids.answered!, 'PROCEDURAL', clerk);
  await h.reply(ids.answered!, 'PROGRESS', clerk);
  await h.mutateOk('referPetition', { petitionId: ids.referred!, clueCategory: 'CIVIL', title: '民事纠纷线索', description: '来信反映的民事纠纷' }, clerk);
  for (const name of ['middle', 'answered']) await h.mutateOk('assignPetitionHandler', { petitionId: ids[name], handlerSubject: 'procurator-1' }, leader);
  // A petition of another district handed to the same subject stays out of a district user's queue.
  await h.mutateOk('assignPetitionHandler', { petitionId: ids.other, handlerSubject: 'procurator-1' }, cityAdmin);
});

afterAll(async () => {
  await h?.stop();
});

async function wholeQueue(who: typeof clerk, first: number) {
  const seen: { id: string; nextDueAt: string | null }[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const res: GraphQLResponse<QueuePage> = await h.as<QueuePage>(who, QUEUE, { first, after });
    expect(res.errors).toBeUndefined();
    const q = res.data!.myPetitionQueue;
    seen.push(...q.edges.map((e) => e.node));
    if (!q.pageInfo.hasNextPage) return { seen, total: q.totalCount };
    after = q.pageInfo.endCursor;
  }
  throw new Error('queue did not end');
}

describe('myPetitionQueue', () => {
  it("holds a procurator's own open petitions of their district, nearest deadline first, those without one last", async () => {
    const { seen, total } = await wholeQueue(procurator, 1);
    expect(total).toBe(2);
    expect(seen.map((p) => p.id)).toEqual([ids.middle, ids.answered]);
    expect(seen.map((p) => p.nextDueAt)).toEqual([day(8).toISOString(), null]);
  });

  it("holds a leader's district's unassigned open petitions too, in (next due, id) order across pages", async () => {
    const { seen, total } = await wholeQueue(leader, 2);
    expect(total).toBe(2);
    // early and visit are unassigned and open; early is due first. Referred, assigned and other-district ones are not here.
    expect(seen.map((p) => p.id)).toEqual([ids.early, ids.visit]);
    await h.mutateOk('assignPetitionHandler', { petitionId: ids.visit, handlerSubject: 'leader-1' }, leader);
    expect((await wholeQueue(leader, 2)).seen.map((p) => p.id)).toEqual([ids.early, ids.visit]);
    expect((await wholeQueue(clerk, 5)).total).toBe(0);
  });

  it('gives a city admin only what is assigned to them, and non-staff nothing', async () => {
    expect((await wholeQueue(cityAdmin, 5)).total).toBe(0);
    expect((await wholeQueue(identityOf(Role.ANALYST, '610113'), 5)).total).toBe(0);
    const forged = await h.as(procurator, QUEUE, { first: 1, after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('petition filters', () => {
  const list = async (filter: Record<string, unknown>, who = clerk, districtCode?: string) => {
    const res = await h.as<{ petitions: { totalCount: number; edges: { node: { id: string } }[] } }>(who, LIST, { filter, districtCode });
    expect(res.errors).toBeUndefined();
    return res.data!.petitions.edges.map((e) => e.node.id).sort();
  };

  it('filters by channel and first-time flag', async () => {
    expect(await list({ channel: ['VISIT'] })).toEqual([ids.visit]);
    expect(await list({ firstTime: false })).toEqual([ids.visit]);
    expect(await list({ channel: ['LETTER'], firstTime: true })).toEqual([ids.early, ids.middle, ids.answered, ids.referred].sort());
  });

  it('filters by overdue on the service clock', async () => {
    h.setNow(day(8));
    // Procedural replies owed: early and referred (due day 7, passed), middle (day 8: due this instant, not yet missed), visit (day 9); answered owes none.
    expect(await list({ overdue: true })).toEqual([ids.early, ids.referred].sort());
    expect(await list({ overdue: false })).toEqual([ids.middle, ids.visit, ids.answered].sort());
    h.setNow(day(10));
    expect(await list({ overdue: true })).toEqual([ids.early, ids.middle, ids.visit, ids.referred].sort());
    const bad = await h.as(clerk, LIST, { filter: { receivedFrom: 'last week' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.receivedFrom' });
  });

  it('shows another district nothing: its lists are empty and its reads null', async () => {
    const outsider = identityOf(Role.LEADER, '610102');
    expect(await list({}, outsider, '610113')).toEqual([]);
    expect(await list({}, outsider)).toEqual([ids.other]);
    expect(await h.petition(ids.early!, outsider)).toBeNull();
    expect(await list({}, cityAdmin, '610100')).toHaveLength(6);
  });
});
