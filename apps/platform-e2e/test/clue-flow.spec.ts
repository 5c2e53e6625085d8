import { Role, type Identity } from '@pgov/auth';
import { clueSubmitted } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { chinaMonth } from '@pgov/reference-data';
import { deleteNamespace, graphql, identityOf, testDatabaseUrl, testNamespace, waitFor, withPg } from '@pgov/testing';
import { caughtUp } from './kafka-helpers';
import { startPlatform, type Platform } from './platform';

// End to end on the real parts: gateway + four subgraph processes, PostgreSQL, Kafka.
// A grid worker submits a clue → clue + outbox row → topic → indicator (indicators); a procurator
// accepts it → clues.clue.accepted → the reporter's points (grids, default 2 per accepted clue).

const namespace = testNamespace();
let platform: Platform;
const district = '610113';
let workerA: Identity;
let workerB: Identity;
const procurator = identityOf(Role.PROCURATOR, district);
const month = chinaMonth(new Date());

const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`;
const ACCEPT = `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { status } }`;
const PER_ACCEPTED = 2;
const OVERVIEW = `query($code: ID!, $member: ID!, $month: String!) {
  district(code: $code) {
    name
    informantCoverage
    clues { totalCount }
    petitions { totalCount }
    indicatorValues(periodKind: MONTH, period: $month) { indicator { code } value }
  }
  member(id: $member) { name pointBalance }
}`;

interface Overview {
  district: { name: string; clues: { totalCount: number }; petitions: { totalCount: number }; indicatorValues: { indicator: { code: string }; value: number }[] };
  member: { name: string; pointBalance: number };
}

/** The grid network as a city administrator builds it through the gateway. */
async function seedGridNetwork() {
  const admin = await token(identityOf(Role.CITY_ADMIN, '610100'));
  const csv = ['level,code,name,parent_code', 'STREET,610113-E2E,测试街道,610113', 'COMMUNITY,610113-E2E-C,测试社区,610113-E2E', 'GRID,610113-E2E-C-01,测试网格,610113-E2E-C'].join('\n');
  const imported = await graphql(platform.url, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv } }, admin);
  expect(imported.errors).toBeUndefined();
  const register = async (name: string, phone: string, idNumber: string) => {
    const res = await graphql<{ registerMember: { id: string } }>(
      platform.url,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      { input: { name, team: 'GRID_WORKER', gridCode: '610113-E2E-C-01', phone, idNumber, informantRoles: ['INFORMATION_OFFICER'] } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return identityOf(Role.GRID_WORKER, district, res.data!.registerMember.id, name);
  };
  workerA = await register('网格员甲', '13812345678', '11010519491231002X');
  workerB = await register('网格员乙', '13987654321', '61011319800101123' + residentIdCheckChar('61011319800101123'));
}

const token = (identity: Identity) => platform.keys.token(identity);
const submit = async (worker: Identity, title = '河道夜间排污') => {
  const res = await graphql<{ submitClue: { id: string; number: string } }>(
    platform.url,
    SUBMIT,
    { input: { title, description: '网格员巡查发现', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-E2E-C-01' } },
    await token(worker),
  );
  expect(res.errors).toBeUndefined();
  return res.data!.submitClue;
};
const accept = async (clueId: string) => {
  const res = await graphql(platform.url, ACCEPT, { input: { clueId } }, await token(procurator));
  expect(res.errors).toBeUndefined();
};
const submitAndAccept = async (worker: Identity, title?: string) => {
  const clue = await submit(worker, title);
  await accept(clue.id);
  return clue;
};
const overview = async (member: Identity) =>
  (await graphql<Overview>(platform.url, OVERVIEW, { code: district, member: member.subject, month }, await token(procurator))).data!;
const indicator = (o: Overview, code: string) => o.district.indicatorValues.find((v) => v.indicator.code === code)?.value ?? 0;

beforeAll(async () => {
  platform = await startPlatform(namespace);
  await seedGridNetwork();
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('a clue from a grid worker, end to end', () => {
  it('reaches the district’s indicator on submission and the reporter’s points on acceptance, visible in one gateway query across all four subgraphs', async () => {
    const clue = await submit(workerA);
    expect(clue.number).toMatch(/^610113-\d{4}-000001$/);
    const counted = await waitFor(async () => {
      const o = await overview(workerA);
      return indicator(o, 'CLUES_FROM_GRIDS') === 1 ? o : undefined;
    }, { what: 'the indicator' });
    // Submitting earns nothing: DOMAIN.md credits an informant when the clue is accepted.
    expect(counted.member.pointBalance).toBe(0);
    await accept(clue.id);
    const result = await waitFor(
      async () => {
        const o = await overview(workerA);
        return o.member.pointBalance === PER_ACCEPTED ? o : undefined;
      },
      { what: 'points for the accepted clue' },
    );
    expect(result.district).toMatchObject({ name: '雁塔区', clues: { totalCount: 1 }, petitions: { totalCount: 0 } });
    expect(result.member).toEqual({ name: workerA.name, pointBalance: PER_ACCEPTED });
  });

  it('changes nothing when the same event is delivered twice', async () => {
    const topic = namespace + clueSubmitted.topic;
    const consumer = platform.kafka.consumer({ groupId: `${namespace}e2e-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let original: { key: Buffer | null; value: Buffer | null } | undefined;
    await consumer.run({ eachMessage: async ({ message }) => void (original ??= { key: message.key, value: message.value }) });
    await waitFor(async () => original, { what: 'the clue event on the topic' });
    await consumer.disconnect();

    const producer = platform.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: original!.key, value: original!.value }] });
    await producer.disconnect();
    await caughtUp(platform.kafka, `${namespace}grids`, topic);
    await caughtUp(platform.kafka, `${namespace}indicators`, topic);

    const o = await overview(workerA);
    expect(o.member.pointBalance).toBe(PER_ACCEPTED);
    expect(indicator(o, 'CLUES_FROM_GRIDS')).toBe(1);
  });

  it('applies every event exactly once across a consumer crash mid-stream', async () => {
    await platform.stop('grids', 'SIGKILL');
    for (let i = 0; i < 4; i++) await submitAndAccept(workerB, `线索 ${i}`);
    await platform.start('grids');
    for (let i = 4; i < 6; i++) await submitAndAccept(workerB, `线索 ${i}`);
    const o = await waitFor(
      async () => {
        const v = await overview(workerB);
        return v.member.pointBalance === 6 * PER_ACCEPTED && indicator(v, 'CLUES_FROM_GRIDS') === 7 ? v : undefined;
      },
      // A killed member keeps its group seat until its session times out (30 s): allow for that.
      { what: 'six credits for worker B and seven clues counted', timeoutMs: 90_000 },
    );
    await caughtUp(platform.kafka, `${namespace}grids`, namespace + clueSubmitted.topic);
    expect((await overview(workerB)).member.pointBalance).toBe(6 * PER_ACCEPTED);
    expect(await withPg(testDatabaseUrl('grids'), async (c) => Number((await c.query(`SELECT count(*) FROM points_entry WHERE member_id = $1`, [workerB.subject])).rows[0].count))).toBe(6);
    expect(o.district.clues.totalCount).toBe(7);
  }, 180_000);

  it('moves a malformed message to the dead-letter topic with the reason, and goes on', async () => {
    const topic = namespace + clueSubmitted.topic;
    const producer = platform.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'junk', value: '{"this is": not json' }] });
    await producer.disconnect();
    await submitAndAccept(workerA, '坏消息之后的线索');

    const reasons: string[] = [];
    const consumer = platform.kafka.consumer({ groupId: `${namespace}e2e-dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['dlq-reason'] ?? '')) });
    await waitFor(async () => reasons.length >= 2, { what: 'both consumer groups to dead-letter the message' });
    await consumer.disconnect();
    expect(reasons.every((r) => /not JSON/.test(r))).toBe(true);

    await waitFor(async () => (await overview(workerA)).member.pointBalance === 2 * PER_ACCEPTED, { what: 'the next clue to be credited' });
  });
});

describe('who may see what, through the gateway', () => {
  it('refuses requests without a valid token', async () => {
    const res = await graphql(platform.url, '{ districts { code } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("hides another worker's clue, other districts' clues, and the informant from those not entitled", async () => {
    const clue = await submit(workerA, '只给有权者看');
    const q = `query($id: ID!) { clue(id: $id) { id reporter { id name } } }`;
    expect((await graphql(platform.url, q, { id: clue.id }, await token(workerB))).data).toEqual({ clue: null });
    expect((await graphql(platform.url, q, { id: clue.id }, await token(identityOf(Role.PROCURATOR, '610102')))).data).toEqual({ clue: null });
    const clerk = await graphql<{ clue: { id: string; reporter: null } }>(platform.url, q, { id: clue.id }, await token(identityOf(Role.CLERK, district)));
    expect(clerk.data?.clue).toEqual({ id: clue.id, reporter: null });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INFORMANT_IDENTITY_PROTECTED' });
    const allowed = await graphql(platform.url, q, { id: clue.id }, await token(procurator));
    expect(allowed.data).toEqual({ clue: { id: clue.id, reporter: { id: workerA.subject, name: workerA.name } } });
  });

  it('masks personal data by default and audits every unmasked read', async () => {
    const q = `query($id: ID!, $reveal: Boolean!) { member(id: $id) { idNumber(reveal: $reveal, reason: "核实线索举报人") phone(reveal: $reveal, reason: "核实线索举报人") } }`;
    const masked = await graphql(platform.url, q, { id: workerA.subject, reveal: false }, await token(procurator));
    expect(masked.data).toEqual({ member: { idNumber: '1101**********002X', phone: '138****5678' } });
    const refused = await graphql(platform.url, q, { id: workerA.subject, reveal: true }, await token(procurator));
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const leader = identityOf(Role.LEADER, district);
    const revealed = await graphql(platform.url, q, { id: workerA.subject, reveal: true }, await token(leader));
    expect(revealed.data).toEqual({ member: { idNumber: '11010519491231002X', phone: '13812345678' } });
    const audit = await withPg(testDatabaseUrl('grids'), async (c) => (await c.query(`SELECT field, reason FROM audit_log WHERE actor = $1 ORDER BY field`, [leader.subject])).rows);
    expect(audit).toEqual([
      { field: 'idNumber', reason: '核实线索举报人' },
      { field: 'phone', reason: '核实线索举报人' },
    ]);
    // Through the gateway too, a reveal without a reason is refused before anything is read or audited.
    const noReason = await graphql(platform.url, `query($id: ID!) { member(id: $id) { phone(reveal: true) } }`, { id: workerA.subject }, await token(leader));
    expect(noReason.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'reason']]);
  });
});
