import { Role, type Identity } from '@pgov/auth';
import { clueAccepted, hierarchyChanged, trainingHeld } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { deleteNamespace, graphql, identityOf, testNamespace, waitFor } from '@pgov/testing';
import { caughtUp, readTopic } from './kafka-helpers';
import { startPlatform, type Platform } from './platform';

// Grids & informants end to end through the gateway: a city administrator builds the network,
// district users see their district only, a grid worker sees their own points and trainings, and
// nobody without the right learns who reported which clue — from any field or partner topic.

const namespace = testNamespace();
let platform: Platform;
const admin = identityOf(Role.CITY_ADMIN, '610100');
const clerk = identityOf(Role.CLERK, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');
const otherDistrict = identityOf(Role.PROCURATOR, '610102');

const HIERARCHY = [
  'level,code,name,parent_code',
  'STREET,610113-E01,小寨路街道,610113',
  'COMMUNITY,610113-E01-01,长延堡社区,610113-E01',
  'GRID,610113-E01-01-01,长延堡第一网格,610113-E01-01',
  'GRID,610113-E01-01-02,长延堡第二网格,610113-E01-01',
  'STREET,610102-E01,西一路街道,610102',
  'COMMUNITY,610102-E01-01,东新街社区,610102-E01',
  'GRID,610102-E01-01-01,东新街第一网格,610102-E01-01',
].join('\n');

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const people = {
  workerA: { name: '王网格', team: 'GRID_WORKER', gridCode: '610113-E01-01-01', phone: '13812345678', idNumber: idNumber('61011319850101123'), informantRoles: ['INFORMATION_OFFICER'] },
  workerB: { name: '李网格', team: 'GRID_WORKER', gridCode: '610113-E01-01-02', phone: '13912345678', idNumber: idNumber('61011319860202234'), informantRoles: ['INFORMATION_OFFICER'] },
  workerX: { name: '赵网格', team: 'GRID_WORKER', gridCode: '610102-E01-01-01', phone: '13712345678', idNumber: idNumber('61010219870303345'), informantRoles: [] },
  officer: { name: '陈律师', team: 'HEARING_OFFICER', gridCode: '610113-E01-01-01', phone: '13612345678', idNumber: idNumber('61011319700404456'), hearingOfficerKind: 'LAWYER' },
} as const;
const ids: Partial<Record<keyof typeof people, string>> = {};

const token = (identity: Identity) => platform.keys.token(identity);
const as = async <T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(platform.url, query, variables, await token(identity));
const worker = (key: 'workerA' | 'workerB', district = '610113') => identityOf(Role.GRID_WORKER, district, ids[key]!, people[key].name);

const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id district { code } } }`;
const LEDGER = `query($id: ID!) { member(id: $id) { name pointBalance pointsLedger { totalCount edges { node { reason points clueId } } } } }`;

async function submitAndAccept(reporter: Identity, title: string) {
  const submitted = await as<{ submitClue: { id: string } }>(reporter, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, {
    input: { title, description: '网格员巡查发现', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: people.workerA.gridCode },
  });
  expect(submitted.errors).toBeUndefined();
  const clueId = submitted.data!.submitClue.id;
  const accepted = await as(procurator, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id status } }`, { input: { clueId } });
  expect(accepted.errors).toBeUndefined();
  return clueId;
}

const balanceOf = async (key: 'workerA' | 'workerB') =>
  (await as<{ me: { pointBalance: number } }>(worker(key), `{ me { pointBalance } }`)).data?.me.pointBalance;

beforeAll(async () => {
  platform = await startPlatform(namespace);
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('a city administrator builds the network through the gateway', () => {
  it('imports a hierarchy from CSV, all of it, and nothing of a file with a bad row', async () => {
    const bad = `${HIERARCHY}\nGRID,610113-E01-01-09,坏网格,610113-NOPE`;
    const refused = await as(admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv: bad } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv' });
    expect(String(refused.errors?.[0]?.extensions?.reason)).toMatch(/line 9/);
    const nothing = await as<{ governanceUnits: { totalCount: number } }>(admin, `{ governanceUnits(level: STREET, districtCode: "610113") { totalCount } }`);
    expect(nothing.data?.governanceUnits.totalCount).toBe(0);

    const imported = await as(admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { streets communities grids unchanged } }`, {
      input: { csv: HIERARCHY },
    });
    expect(imported.data).toEqual({ importGovernanceHierarchy: { streets: 2, communities: 2, grids: 3, unchanged: 0 } });
    const notAdmin = await as(procurator, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv: HIERARCHY } });
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('registers members, refusing a second person with the same ID number and a bad check digit', async () => {
    for (const [key, person] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
      const res = await as<{ registerMember: { id: string } }>(admin, REGISTER, { input: person });
      expect(res.errors).toBeUndefined();
      ids[key] = res.data!.registerMember.id;
    }
    const twice = await as(admin, REGISTER, { input: { ...people.workerB, name: '冒名者', phone: '13500000000' } });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const badId = await as(admin, REGISTER, { input: { ...people.workerB, idNumber: `${people.workerB.idNumber.slice(0, 17)}${people.workerB.idNumber.endsWith('0') ? '1' : '0'}` } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
  });
});

describe('who sees what', () => {
  it('shows a district user their district only', async () => {
    const q = `query($unit: ID!, $member: ID!) {
      governanceUnit(code: $unit) { code }
      member(id: $member) { id }
      members(filter: { districtCode: "610113" }) { totalCount }
    }`;
    const foreign = await as<{ governanceUnit: unknown; member: unknown; members: { totalCount: number } }>(otherDistrict, q, { unit: '610113-E01', member: ids.workerA });
    expect(foreign.data).toEqual({ governanceUnit: null, member: null, members: { totalCount: 0 } });
    const own = await as<{ governanceUnit: unknown; member: unknown; members: { totalCount: number } }>(procurator, q, { unit: '610113-E01', member: ids.workerA });
    expect(own.data).toEqual({ governanceUnit: { code: '610113-E01' }, member: { id: ids.workerA }, members: { totalCount: 3 } });
  });

  it("lets a grid worker see their own points and trainings and no one else's phone or ID number", async () => {
    const created = await as<{ createTraining: { id: string } }>(clerk, `mutation($input: CreateTrainingInput!) { createTraining(input: $input) { id } }`, {
      input: { title: '公益诉讼线索发现培训', districtCode: '610113', heldOn: '2026-11-20' },
    });
    expect(created.errors).toBeUndefined();
    const trainingId = created.data!.createTraining.id;
    const recorded = await as(clerk, `mutation($input: RecordTrainingAttendanceInput!) { recordTrainingAttendance(input: $input) { attendeeCount } }`, {
      input: { trainingId, memberIds: [ids.workerA] },
    });
    expect(recorded.data).toEqual({ recordTrainingAttendance: { attendeeCount: 1 } });

    const mine = await as<{ me: Record<string, unknown> }>(worker('workerA'), `{ me { id pointBalance phone(reveal: true, reason: "查看本人号码") trainings { edges { node { id title } } } } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.me).toMatchObject({ id: ids.workerA, pointBalance: 0, phone: people.workerA.phone, trainings: { edges: [{ node: { id: trainingId } }] } });

    const other = await as(worker('workerA'), `query($id: ID!) { member(id: $id) { phone idNumber } }`, { id: ids.workerB });
    expect(other.data).toEqual({ member: null });
    const theirTrainings = await as(worker('workerB'), `query($id: ID!) { member(id: $id) { trainings { totalCount } } }`, { id: ids.workerA });
    expect(theirTrainings.data).toEqual({ member: null });
  });

  it('credits an informant once per accepted clue, even when the event is delivered twice', async () => {
    await submitAndAccept(worker('workerA'), '河道夜间排污');
    await waitFor(async () => (await balanceOf('workerA')) === 2, { what: 'the acceptance credit (default 2 points)' });

    const topic = namespace + clueAccepted.topic;
    const [original] = await readTopic(platform.kafka, topic, `${namespace}e2e-accepted-reader`, (m) => JSON.parse(String(m.value)).type === clueAccepted.type);
    const producer = platform.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: original!.key, value: original!.value }] });
    await producer.disconnect();
    await caughtUp(platform.kafka, `${namespace}grids`, topic);
    expect(await balanceOf('workerA')).toBe(2);
  });

  it('tells a district clerk nothing about who reported which clue, from any field', async () => {
    const clueId = await submitAndAccept(worker('workerB'), '无证食品作坊');
    await waitFor(async () => (await balanceOf('workerB')) === 2, { what: 'worker B credited' });

    // The probe of the issue: the ledger must not name the clue to the clerk.
    const probe = await as<{ member: { name: string; pointBalance: null; pointsLedger: null } }>(clerk, LEDGER, { id: ids.workerB });
    expect(probe.data?.member).toEqual({ name: people.workerB.name, pointBalance: null, pointsLedger: null });
    expect(probe.errors?.map((e) => e.extensions?.reason)).toEqual(['INFORMANT_IDENTITY_PROTECTED', 'INFORMANT_IDENTITY_PROTECTED']);
    expect(JSON.stringify(probe)).not.toContain(clueId);
    const reporter = await as(clerk, `query($id: ID!) { clue(id: $id) { reporter { id } history { to by } } }`, { id: clueId });
    expect(reporter.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INFORMANT_IDENTITY_PROTECTED' });
    expect(JSON.stringify(reporter)).not.toContain(ids.workerB!);

    // Those entitled see the fact: the district's procurator and the reporter.
    const entitled = await as<{ member: { pointsLedger: { edges: { node: { clueId: string } }[] } } }>(procurator, LEDGER, { id: ids.workerB });
    expect(entitled.data?.member.pointsLedger.edges.map((e) => e.node.clueId)).toEqual([clueId]);

    // Partner-readable topics carry neither the member nor the clue.
    for (const def of [hierarchyChanged, trainingHeld]) {
      expect(def.partnerReadable).toBe(true);
      const messages = await readTopic(platform.kafka, namespace + def.topic, `${namespace}e2e-partner-${def.aggregate}`, () => true);
      expect(messages.length).toBeGreaterThan(0);
      const text = messages.map((m) => String(m.value)).join('\n');
      for (const id of Object.values(ids)) expect(text).not.toContain(id!);
      expect(text).not.toContain(clueId);
    }
  });
});
