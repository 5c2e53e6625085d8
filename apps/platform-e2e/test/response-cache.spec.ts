import { Role, type Identity } from '@pgov/auth';
import { residentIdCheckChar } from '@pgov/privacy';
import { chinaMonth } from '@pgov/reference-data';
import { DISTRICT_OVERVIEW, deleteNamespace, identityOf, testDatabaseUrl, testNamespace, waitFor, withPg } from '@pgov/testing';
import { startPlatform, type Platform } from './platform';

// The gateway's response cache on the real platform: what it keeps, for whom, and when it forgets.
// The subgraphs' @cacheControl hints allow the dashboard 5 s (DISTRICT_MAX_AGE below).

const namespace = testNamespace();
let platform: Platform;
const YANTA = '610113';
const XINCHENG = '610102';
const GRID = '610113-RC-C-01';
const month = chinaMonth(new Date());
const admin = identityOf(Role.CITY_ADMIN, '610100');
const procurator = identityOf(Role.PROCURATOR, YANTA);
const colleague = identityOf(Role.PROCURATOR, YANTA);
const leader = identityOf(Role.LEADER, YANTA);
const xinchengProcurator = identityOf(Role.PROCURATOR, XINCHENG);
let workerA: Identity;
let workerB: Identity;

type Dashboard = { district: { name: string; informantCoverage: number; clues: { totalCount: number } } };

interface Answer<T> {
  status: number;
  cacheControl: string | null;
  age: string | null;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function ask<T = Dashboard>(url: string, identity: Identity, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.keys.token(identity)}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Answer<T>['errors'] };
  return { status: response.status, cacheControl: response.headers.get('cache-control'), age: response.headers.get('age'), ...body };
}
const dashboard = (identity: Identity, code = YANTA, headers: Record<string, string> = {}) => ask(platform.url, identity, DISTRICT_OVERVIEW, { code, period: month }, headers);

/** The gateway's response-cache counters, and how many calls it made to each subgraph. */
async function counters() {
  const text = await (await fetch(platform.metricsUrl)).text();
  const sum = (pattern: RegExp) => text.split('\n').filter((l) => pattern.test(l)).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  return {
    hit: sum(/^gateway_response_cache_lookups_total\{outcome="hit"/),
    miss: sum(/^gateway_response_cache_lookups_total\{outcome="miss"/),
    bypass: sum(/^gateway_response_cache_lookups_total\{outcome="bypass"/),
    fetches: sum(/^subgraph_fetch_duration_seconds_count\{/),
  };
}
/** Runs `step` and answers how the counters moved meanwhile. */
async function counted<T>(step: () => Promise<T>): Promise<{ result: T; hit: number; miss: number; bypass: number; fetches: number }> {
  const before = await counters();
  const result = await step();
  const after = await counters();
  return { result, hit: after.hit - before.hit, miss: after.miss - before.miss, bypass: after.bypass - before.bypass, fetches: after.fetches - before.fetches };
}

async function seedGridNetwork() {
  const csv = ['level,code,name,parent_code', 'STREET,610113-RC,缓存街道,610113', 'COMMUNITY,610113-RC-C,缓存社区,610113-RC', `GRID,${GRID},缓存网格,610113-RC-C`].join('\n');
  const imported = await ask(platform.url, admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv } });
  expect(imported.errors).toBeUndefined();
  const register = async (name: string, phone: string, idBody: string) => {
    const res = await ask<{ registerMember: { id: string } }>(
      platform.url,
      admin,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      { input: { name, team: 'GRID_WORKER', gridCode: GRID, phone, idNumber: idBody + residentIdCheckChar(idBody), informantRoles: ['INFORMATION_OFFICER'] } },
    );
    expect(res.errors).toBeUndefined();
    return identityOf(Role.GRID_WORKER, YANTA, res.data!.registerMember.id, name);
  };
  workerA = await register('缓存网格员甲', '13812345678', '11010519491231002');
  workerB = await register('缓存网格员乙', '13987654321', '61011319800101123');
}

const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`;
const clueInput = (title: string) => ({ input: { title, description: '网格员巡查发现', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: GRID } });

beforeAll(async () => {
  platform = await startPlatform(namespace);
  await seedGridNetwork();
  // The seed's consequences (indicator alerts on the live feed) forget kept answers as they arrive:
  // start once they have, when an answer stays kept.
  await waitFor(async () => {
    await dashboard(admin);
    return (await counted(() => dashboard(admin))).hit === 1;
  }, { what: 'the live feed to settle' });
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('the gateway keeps a query answer the subgraphs allow it to keep', () => {
  it('answers the same dashboard again from the cache, without calling a subgraph, and tells the client no-store', async () => {
    const first = await counted(() => dashboard(procurator));
    expect(first.result.status).toBe(200);
    expect(first.result.errors).toBeUndefined();
    expect(first.miss).toBe(1);
    expect(first.fetches).toBeGreaterThanOrEqual(4);
    const again = await counted(() => dashboard(procurator));
    expect(again.result.data).toEqual(first.result.data);
    expect(again.hit).toBe(1);
    expect(again.fetches).toBe(0);
    expect(again.result.age).not.toBeNull();
    // Neither answer may be kept by a browser or a proxy: each was made for one caller's token.
    expect(first.result.cacheControl).toBe('no-store');
    expect(again.result.cacheControl).toBe('no-store');
  });

  it('shares an answer only among callers with the same roles and district', async () => {
    await dashboard(procurator);
    const sameScope = await counted(() => dashboard(colleague));
    expect(sameScope.hit).toBe(1);
    expect(sameScope.fetches).toBe(0);
    for (const other of [leader, xinchengProcurator]) {
      const answer = await counted(() => dashboard(other));
      expect(answer.hit).toBe(0);
      expect(answer.fetches).toBeGreaterThan(0);
    }
  });

  it('keeps an answer that depends on who asks for that caller alone', async () => {
    const ME = `{ me { id name } }`;
    const mine = await ask<{ me: { id: string; name: string } }>(platform.url, workerA, ME);
    expect(mine.data?.me).toEqual({ id: workerA.subject, name: '缓存网格员甲' });
    const again = await counted(() => ask<{ me: { id: string } }>(platform.url, workerA, ME));
    expect(again.hit).toBe(1);
    // Same roles and district, another person: their own answer, from the subgraph.
    const theirs = await counted(() => ask<{ me: { id: string; name: string } }>(platform.url, workerB, ME));
    expect(theirs.hit).toBe(0);
    expect(theirs.result.data?.me).toEqual({ id: workerB.subject, name: '缓存网格员乙' });
  });
});

describe('what is never kept', () => {
  it('a personal field read whole: every reveal reaches the subgraph and is audited', async () => {
    const REVEAL = `query($id: ID!) { member(id: $id) { name phone(reveal: true, reason: "核实举报人联系方式") } }`;
    const audited = () =>
      withPg(testDatabaseUrl('grids'), async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM audit_log WHERE record_id = $1 AND field = 'phone'`, [workerA.subject])).rows[0].n));
    const before = await audited();
    for (let i = 0; i < 2; i++) {
      const read = await counted(() => ask<{ member: { phone: string } }>(platform.url, admin, REVEAL, { id: workerA.subject }));
      expect(read.result.data?.member.phone).toBe('13812345678');
      expect(read.hit).toBe(0);
      expect(read.fetches).toBeGreaterThan(0);
    }
    expect(await audited()).toBe(before + 2);
  });

  it('the same personal field masked is not kept either: the subgraph marks it uncacheable', async () => {
    const MASKED = `query($id: ID!) { member(id: $id) { name phone } }`;
    const first = await ask<{ member: { phone: string } }>(platform.url, admin, MASKED, { id: workerA.subject });
    expect(first.data?.member.phone).toBe('138****5678');
    const again = await counted(() => ask(platform.url, admin, MASKED, { id: workerA.subject }));
    expect(again.hit).toBe(0);
    expect(again.fetches).toBeGreaterThan(0);
  });

  it('an answer the client asked for with Cache-Control: no-store', async () => {
    const xinchengLeader = identityOf(Role.LEADER, XINCHENG);
    const asked = await counted(() => dashboard(xinchengLeader, XINCHENG, { 'cache-control': 'no-store' }));
    expect(asked.result.errors).toBeUndefined();
    expect(asked.bypass).toBe(1);
    const next = await counted(() => dashboard(xinchengLeader, XINCHENG));
    expect(next.hit).toBe(0);
    expect(next.miss).toBe(1);
    expect(next.fetches).toBeGreaterThan(0);
  });

  it('a work queue: the clue list is asked of the subgraph every time', async () => {
    const QUEUE = `{ clues(first: 5) { totalCount } }`;
    await ask(platform.url, procurator, QUEUE);
    const again = await counted(() => ask(platform.url, procurator, QUEUE));
    expect(again.result.errors).toBeUndefined();
    expect(again.hit).toBe(0);
    expect(again.fetches).toBe(1);
  });
});

describe('when a kept answer is forgotten', () => {
  it('a mutation through the gateway: the next dashboard shows it', async () => {
    const before = (await dashboard(procurator)).data!.district.clues.totalCount;
    expect((await counted(() => dashboard(procurator))).hit).toBe(1);
    const submitted = await ask(platform.url, workerA, SUBMIT, clueInput('缓存测试：河道排污'));
    expect(submitted.errors).toBeUndefined();
    const after = await counted(() => dashboard(procurator));
    expect(after.hit).toBe(0);
    expect(after.result.data!.district.clues.totalCount).toBe(before + 1);
  });

  it('an event on the live feed: a clue submitted at the clues service itself shows within a second or two, not after the 5 s max-age', async () => {
    const before = (await dashboard(procurator, YANTA, { 'cache-control': 'no-cache' })).data!.district.clues.totalCount;
    expect((await counted(() => dashboard(procurator))).hit).toBe(1);
    const submitted = await ask(platform.subgraphUrl('clues'), workerB, SUBMIT, clueInput('缓存测试：夜间噪声'));
    expect(submitted.errors).toBeUndefined();
    const started = Date.now();
    await waitFor(async () => (await dashboard(procurator)).data!.district.clues.totalCount === before + 1, { what: 'the new clue on the dashboard', timeoutMs: 4_000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('otherwise within the max-age; a client asking Cache-Control: no-cache gets a fresh answer at once', async () => {
    const grids = testDatabaseUrl('grids');
    // Fresh now, so kept for the next 5 s.
    const original = (await dashboard(procurator, YANTA, { 'cache-control': 'no-cache' })).data!.district.name;
    try {
      // A change no event announces (made in the database behind the service's back).
      await withPg(grids, (c) => c.query(`UPDATE district SET name = '雁塔区（改）' WHERE code = $1`, [YANTA]));
      const kept = await dashboard(procurator);
      expect(kept.data!.district.name).toBe(original);
      const fresh = await counted(() => dashboard(procurator, YANTA, { 'cache-control': 'no-cache' }));
      expect(fresh.bypass).toBe(1);
      expect(fresh.result.data!.district.name).toBe('雁塔区（改）');
      // The fresh answer replaced the kept one.
      expect((await dashboard(procurator)).data!.district.name).toBe('雁塔区（改）');
    } finally {
      await withPg(grids, (c) => c.query(`UPDATE district SET name = $2 WHERE code = $1`, [YANTA, original]));
    }
  });
});
