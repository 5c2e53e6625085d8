import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';
import { identityOf, type GraphQLResponse } from '@pgov/testing';
import type { GridsDb } from '../src/persistence/prisma';
import { startGridsHarness, type GridsHarness } from './support/grids-harness';

// Trainings (业务培训) through the service's GraphQL on the real database: writes with their outbox
// events, idempotent and concurrent attendance, who sees what, and statistics against a recount.
/** 2026-11-26 12:00 in China: attendance can be recorded for trainings held up to that day. */
const NOW = new Date('2026-11-26T04:00:00Z');

let h: GridsHarness;
let db: GridsDb;
let gql: GridsHarness['as'];

/** Members: three grid workers of 雁塔区 (610113), one of 未央区 (610112). */
const m: Record<'w1' | 'w2' | 'w3' | 'x1', string> = { w1: '', w2: '', w3: '', x1: '' };
const clerk113 = identityOf(Role.CLERK, '610113');
const clerk112 = identityOf(Role.CLERK, '610112');
const procurator113 = identityOf(Role.PROCURATOR, '610113');
const admin = identityOf(Role.CITY_ADMIN, '610100');

/** A street, community and grid in the district, with grid workers; answers their ids by key. */
async function seedDistrict(db: GridsDb, districtCode: string, members: Partial<Record<keyof typeof m, string>>) {
  const street = await db.street.create({ data: { code: `${districtCode}-TS`, name: '培训街道', districtCode } });
  const community = await db.community.create({ data: { code: `${districtCode}-TS-C`, name: '培训社区', streetId: street.id, districtCode } });
  const grid = await db.grid.create({ data: { code: `${districtCode}-TS-01`, name: '培训网格', communityId: community.id, districtCode } });
  for (const [key, name] of Object.entries(members)) {
    const member = await db.member.create({
      data: {
        name,
        team: 'GRID_WORKER',
        informantRoles: [],
        gridCode: grid.code,
        districtCode,
        // Personal numbers are another area's (encryption at rest): placeholders, legacy columns empty.
        phoneCipher: 'placeholder',
        idNumberCipher: 'placeholder',
        idNumberHash: `placeholder-${randomUUID()}`,
        joinedOn: new Date('2024-01-01'),
      },
    });
    m[key as keyof typeof m] = member.id;
  }
}

const CREATE = `mutation($input: CreateTrainingInput!) {
  createTraining(input: $input) { id title heldOn attendeeCount district { code } }
}`;
const RECORD = `mutation($input: RecordTrainingAttendanceInput!) {
  recordTrainingAttendance(input: $input) { id attendeeCount attendees(first: 50) { totalCount edges { node { id name } } } }
}`;

type TrainingOut = { id: string; title: string; heldOn: string; attendeeCount: number; district: { code: string } };

async function createTraining(who: Identity, input: { title: string; districtCode: string; heldOn: string }): Promise<string> {
  const res = await gql<{ createTraining: TrainingOut }>(who, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data!.createTraining.id;
}

async function record(who: Identity, trainingId: string, memberIds: string[]) {
  return gql<{ recordTrainingAttendance: { attendeeCount: number; attendees: { totalCount: number; edges: { node: { id: string } }[] } } }>(who, RECORD, {
    input: { trainingId, memberIds },
  });
}

const outbox = (type: string) => db.outboxEvent.findMany({ where: { type }, orderBy: { createdAt: 'asc' } });
const envelopesOf = async (type: string, trainingId: string) =>
  (await outbox(type)).map((e) => e.envelope as { subject: string; district: string; data: Record<string, unknown> }).filter((e) => e.data['trainingId'] === trainingId);

beforeAll(async () => {
  h = await startGridsHarness({
    clock: () => NOW,
    beforeStart: async (seed) => {
      await seedDistrict(seed, '610113', { w1: '张一', w2: '李二', w3: '王三' });
      await seedDistrict(seed, '610112', { x1: '赵四' });
    },
  });
  ({ db, as: gql } = h);
});

afterAll(async () => {
  await h?.stop();
});

describe('creating a training', () => {
  it("lets the district's clerk create one, announced with no attendee yet", async () => {
    const res = await gql<{ createTraining: TrainingOut }>(clerk113, CREATE, { input: { title: ' 线索发现与报送 ', districtCode: '610113', heldOn: '2026-11-20' } });
    expect(res.errors).toBeUndefined();
    const t = res.data!.createTraining;
    expect(t).toMatchObject({ title: '线索发现与报送', heldOn: '2026-11-20', attendeeCount: 0, district: { code: '610113' } });
    expect(await db.training.findUnique({ where: { id: t.id } })).toMatchObject({ districtCode: '610113', createdBy: clerk113.subject });
    const [held] = await envelopesOf('grids.training.held', t.id);
    expect(held).toMatchObject({ subject: t.id, district: '610113', data: { attendeeCount: 0, heldOn: '2026-11-20', title: '线索发现与报送' } });
  });

  it.each([
    [{ title: '', districtCode: '610113', heldOn: '2026-11-20' }, 'input.title'],
    [{ title: '培训', districtCode: '999999', heldOn: '2026-11-20' }, 'input.districtCode'],
    [{ title: '培训', districtCode: '610113', heldOn: '2026-02-29' }, 'input.heldOn'],
    [{ title: '培训', districtCode: '610113', heldOn: '2027-11-28' }, 'input.heldOn'],
  ])('refuses %j as BAD_USER_INPUT naming the field', async (input, field) => {
    const before = await db.training.count();
    const res = await gql(clerk113, CREATE, { input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await db.training.count()).toBe(before);
  });

  it("forbids a procurator and another district's clerk", async () => {
    const input = { title: '培训', districtCode: '610113', heldOn: '2026-11-20' };
    for (const who of [procurator113, clerk112, identityOf(Role.GRID_WORKER, '610113', m.w1)]) {
      const res = await gql(who, CREATE, { input });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
  });
});

describe('recording attendance', () => {
  let trainingId: string;
  beforeAll(async () => {
    trainingId = await createTraining(clerk113, { title: '检察信息员业务培训', districtCode: '610113', heldOn: '2026-11-25' });
  });

  it('writes each member once and announces each new attendee and the new count, naming nobody on the partner topic', async () => {
    const res = await record(clerk113, trainingId, [m.w1, m.w2, m.w1]);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordTrainingAttendance.attendeeCount).toBe(2);
    expect(res.data!.recordTrainingAttendance.attendees.edges.map((e) => e.node.id).sort()).toEqual([m.w1, m.w2].sort());
    const rows = await db.trainingAttendance.findMany({ where: { trainingId } });
    expect(rows.map((r) => r.memberId).sort()).toEqual([m.w1, m.w2].sort());
    expect(rows.every((r) => r.recordedBy === clerk113.subject && r.recordedAt.getTime() === NOW.getTime())).toBe(true);

    const trained = await envelopesOf('grids.member.trained', trainingId);
    expect(trained.map((e) => e.subject).sort()).toEqual([m.w1, m.w2].sort());
    expect(trained[0]).toMatchObject({ district: '610113', data: { districtCode: '610113', trainingDistrictCode: '610113', heldOn: '2026-11-25' } });
    const held = await envelopesOf('grids.training.held', trainingId);
    expect(held.at(-1)).toMatchObject({ subject: trainingId, district: '610113', data: { attendeeCount: 2 } });
    const partnerText = JSON.stringify(held);
    for (const secret of [m.w1, m.w2, '张一', '李二']) expect(partnerText).not.toContain(secret);
  });

  it('adds only the new member when recording again, and changes and announces nothing when nobody is new', async () => {
    const res = await record(clerk113, trainingId, [m.w2, m.w3, m.w1]);
    expect(res.data!.recordTrainingAttendance.attendeeCount).toBe(3);
    const trained = await envelopesOf('grids.member.trained', trainingId);
    expect(trained.map((e) => e.subject).sort()).toEqual([m.w1, m.w2, m.w3].sort());
    expect((await envelopesOf('grids.training.held', trainingId)).at(-1)!.data['attendeeCount']).toBe(3);

    const events = await db.outboxEvent.count();
    const again = await record(clerk113, trainingId, [m.w1, m.w2]);
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordTrainingAttendance.attendeeCount).toBe(3);
    expect(await db.outboxEvent.count()).toBe(events);
    expect(await db.trainingAttendance.count({ where: { trainingId } })).toBe(3);
  });

  it('names the index of an unknown member, answers a member of another district alike, and writes nothing', async () => {
    const fresh = await createTraining(clerk113, { title: '新训', districtCode: '610113', heldOn: '2026-11-24' });
    const events = await db.outboxEvent.count();
    const unknown = await record(clerk113, fresh, [m.w1, randomUUID()]);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.memberIds.1', reason: 'unknown member' });
    const foreign = await record(clerk113, fresh, [m.x1]);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.memberIds.0', reason: 'unknown member' });
    const notAnId = await record(clerk113, fresh, ['not-an-id']);
    expect(notAnId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.memberIds.0' });
    expect(await db.trainingAttendance.count({ where: { trainingId: fresh } })).toBe(0);
    expect(await db.outboxEvent.count()).toBe(events);
  });

  it('refuses a training not yet held, callers who may not record, and hides it from another district', async () => {
    const future = await createTraining(clerk113, { title: '下月培训', districtCode: '610113', heldOn: '2026-12-10' });
    expect((await record(clerk113, future, [m.w1])).errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect((await record(procurator113, trainingId, [m.w1])).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await record(clerk112, trainingId, [m.x1])).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await record(clerk113, randomUUID(), [m.w1])).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('never double-counts two concurrent recordings of the same members', async () => {
    const id = await createTraining(clerk113, { title: '并发培训', districtCode: '610113', heldOn: '2026-11-26' });
    const members = [m.w1, m.w2, m.w3];
    const results = await Promise.all([record(clerk113, id, members), record(clerk113, id, [...members].reverse()), record(clerk113, id, [m.w2])]);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(await db.trainingAttendance.count({ where: { trainingId: id } })).toBe(3);
    const trained = await envelopesOf('grids.member.trained', id);
    expect(trained.map((e) => e.subject).sort()).toEqual([...members].sort());
    // Recordings of one training take turns: the announced counts only grow, and the last is the truth.
    const counts = (await envelopesOf('grids.training.held', id)).map((e) => e.data['attendeeCount']);
    expect(counts.at(-1)).toBe(3);
    expect([...counts].sort((a, b) => Number(a) - Number(b))).toEqual(counts);
  });
});

describe('who sees trainings', () => {
  let district: string;
  let city: string;
  const HISTORY = `query($id: ID!) {
    member(id: $id) { id trainings(first: 10) { totalCount edges { node { id title district { code } attendees { totalCount edges { node { id } } } } } } }
  }`;
  type History = { member: { trainings: { totalCount: number; edges: { node: { id: string; attendees: { totalCount: number; edges: { node: { id: string } }[] } } }[] } } | null };

  beforeAll(async () => {
    district = await createTraining(clerk113, { title: '雁塔区培训', districtCode: '610113', heldOn: '2026-10-10' });
    await record(clerk113, district, [m.w1, m.w2]);
    city = await createTraining(admin, { title: '全市培训', districtCode: '610100', heldOn: '2026-10-15' });
    const res = await record(admin, city, [m.w1, m.x1]);
    expect(res.errors).toBeUndefined();
  });

  it('shows a grid worker their own history, with themself as the only attendee they see, and not another member', async () => {
    const me = identityOf(Role.GRID_WORKER, '610113', m.w1);
    const own = await gql<History>(me, HISTORY, { id: m.w1 });
    expect(own.errors).toBeUndefined();
    const ids = own.data!.member!.trainings.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([district, city]));
    expect(own.data!.member!.trainings.totalCount).toBe(await db.trainingAttendance.count({ where: { memberId: m.w1 } }));
    for (const e of own.data!.member!.trainings.edges) expect(e.node.attendees.edges.map((a) => a.node.id)).toEqual([m.w1]);

    const other = await gql<History>(me, HISTORY, { id: m.w2 });
    expect(other.data?.member ?? null).toBeNull();
    const direct = await gql<{ training: unknown }>(me, `query($id: ID!) { training(id: $id) { id } }`, { id: district });
    expect(direct.data!.training).toBeNull();
  });

  it("shows the district's staff its members' histories and the city's training with only their own attendees", async () => {
    const res = await gql<History>(clerk113, HISTORY, { id: m.w1 });
    const cityNode = res.data!.member!.trainings.edges.find((e) => e.node.id === city)!.node;
    expect(cityNode.attendees.edges.map((a) => a.node.id)).toEqual([m.w1]);
    const single = await gql<{ training: { attendeeCount: number } }>(clerk113, `query($id: ID!) { training(id: $id) { attendeeCount } }`, { id: city });
    expect(single.data!.training.attendeeCount).toBe(2);
  });

  it("answers another district's training as absent to its clerk, everywhere", async () => {
    const one = await gql<{ training: unknown }>(clerk112, `query($id: ID!) { training(id: $id) { id } }`, { id: district });
    expect(one.errors).toBeUndefined();
    expect(one.data!.training).toBeNull();
    const list = await gql<{ trainings: { totalCount: number } }>(clerk112, `{ trainings(districtCode: "610113") { totalCount } }`);
    expect(list.data!.trainings.totalCount).toBe(0);
    const ref = await gql<{ _entities: unknown[] }>(clerk112, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Training { id } } }`, {
      r: [{ __typename: 'Training', id: district }],
    });
    expect(ref.data!._entities).toEqual([null]);
    const history = await gql<History>(clerk112, HISTORY, { id: m.w1 });
    expect(history.data?.member ?? null).toBeNull();
  });
});

describe('lists and statistics', () => {
  type Node = { id: string; heldOn: string };
  type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };

  beforeAll(async () => {
    // Trainings across months, quarters, years and districts, with overlapping attendees.
    const plan: [Identity, string, string, string[]][] = [
      [clerk113, '610113', '2026-11-01', [m.w1, m.w2]],
      [clerk113, '610113', '2026-09-30', [m.w3]],
      [clerk113, '610113', '2025-12-31', [m.w1]],
      [clerk112, '610112', '2026-11-02', [m.x1]],
      [clerk112, '610112', '2026-07-01', []],
      [admin, '610100', '2026-11-03', [m.w2, m.x1]],
    ];
    for (const [who, districtCode, heldOn, members] of plan) {
      const id = await createTraining(who, { title: `培训 ${heldOn}`, districtCode, heldOn });
      if (members.length > 0) expect((await record(who, id, members)).errors).toBeUndefined();
    }
  });

  it('pages newest first (heldOn desc, id desc), filters by inclusive dates and matches the rows', async () => {
    const Q = `query($after: String, $from: String, $to: String) {
      trainings(districtCode: "610113", first: 2, after: $after, from: $from, to: $to) { totalCount pageInfo { hasNextPage endCursor } edges { node { id heldOn } } }
    }`;
    const seen: Node[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: GraphQLResponse<{ trainings: Conn }> = await gql<{ trainings: Conn }>(clerk113, Q, { after });
      expect(res.errors).toBeUndefined();
      total = res.data!.trainings.totalCount;
      seen.push(...res.data!.trainings.edges.map((e) => e.node));
      after = res.data!.trainings.pageInfo.hasNextPage ? res.data!.trainings.pageInfo.endCursor : null;
    } while (after);
    const rows = await db.training.findMany({ where: { districtCode: '610113' }, orderBy: [{ heldOn: 'desc' }, { id: 'desc' }] });
    expect(seen.map((n) => n.id)).toEqual(rows.map((r) => r.id));
    expect(total).toBe(rows.length);

    const november = await gql<{ trainings: Conn }>(clerk113, Q, { from: '2026-11-01', to: '2026-11-30' });
    const expected = rows.filter((r) => r.heldOn >= new Date('2026-11-01') && r.heldOn <= new Date('2026-11-30'));
    expect(november.data!.trainings.totalCount).toBe(expected.length);
    expect(november.data!.trainings.edges.every((e) => e.node.heldOn >= '2026-11-01' && e.node.heldOn <= '2026-11-30')).toBe(true);
    const bad = await gql(clerk113, Q, { from: '2026-11-31' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it("lists each district's trainings under districts in one batch, the city's being all", async () => {
    const res = await gql<{ districts: { code: string; trainings: { totalCount: number; edges: { node: Node }[] } }[] }>(
      admin,
      `{ districts { code trainings(first: 3) { totalCount edges { node { id heldOn } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const all = await db.training.findMany({ orderBy: [{ heldOn: 'desc' }, { id: 'desc' }] });
    for (const d of res.data!.districts) {
      const own = d.code === '610100' ? all : all.filter((t) => t.districtCode === d.code);
      expect(d.trainings.totalCount).toBe(own.length);
      expect(d.trainings.edges.map((e) => e.node.id)).toEqual(own.slice(0, 3).map((t) => t.id));
    }
  });

  it.each([
    ['MONTH', '2026-11'],
    ['QUARTER', '2026-Q4'],
    ['QUARTER', '2026-Q3'],
    ['YEAR', '2026'],
    ['YEAR', '2025'],
  ])('counts trainings, attendances and members trained for %s %s as a recount of the rows does', async (periodKind, period) => {
    const res = await gql<{ districts: { code: string; trainingStats: { trainings: number; attendances: number; membersTrained: number } }[] }>(
      admin,
      `query($k: PeriodKind!, $p: String!) { districts { code trainingStats(periodKind: $k, period: $p) { periodKind period trainings attendances membersTrained } } }`,
      { k: periodKind, p: period },
    );
    expect(res.errors).toBeUndefined();
    const trainings = await db.training.findMany({ include: { attendances: true } });
    const inPeriod = trainings.filter((t) => periodOf(periodKind, t.heldOn.toISOString().slice(0, 10)) === period);
    for (const d of res.data!.districts) {
      const held = d.code === '610100' ? inPeriod : inPeriod.filter((t) => t.districtCode === d.code);
      const attendances = held.flatMap((t) => t.attendances);
      expect(d.trainingStats).toMatchObject({
        trainings: held.length,
        attendances: attendances.length,
        membersTrained: new Set(attendances.map((a) => a.memberId)).size,
      });
    }
    // Not a comparison of zeros: every period asked for has trainings.
    expect(res.data!.districts.find((d) => d.code === '610100')!.trainingStats.trainings).toBeGreaterThan(0);
  });

  it('refuses a period of the wrong kind, and answers a district clerk only their jurisdiction', async () => {
    const bad = await gql(clerk113, `{ district(code: "610113") { trainingStats(periodKind: QUARTER, period: "2026-11") { trainings } } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const other = await gql<{ district: unknown }>(clerk113, `{ district(code: "610112") { trainingStats(periodKind: YEAR, period: "2026") { trainings } } }`);
    expect(other.data!.district).toBeNull();
  });

  it('reads a page of trainings with their attendees, counts and districts in statements that do not grow with the page', async () => {
    const PAGE = `query($first: Int!) { trainings(first: $first) { totalCount edges { node { title heldOn attendeeCount district { name }
      attendees(first: 5) { totalCount edges { node { name } } } } } } }`;
    const cost = async (first: number) => {
      // Only this request's statements: the harness leaves out the outbox relay's polls running meanwhile.
      const statements = await h.statementsOf(async () => {
        const res = await gql<{ trainings: { edges: unknown[] } }>(admin, PAGE, { first });
        expect(res.errors).toBeUndefined();
        expect(res.data!.trainings.edges).toHaveLength(first);
      });
      return statements.length;
    };
    const many = await cost(6);
    // trainings page, its count, attendee counts, districts, attendees' first pages, their member rows: 6.
    expect(many).toBeLessThanOrEqual(6);
    expect(await cost(2)).toBe(many);
  });
});

/** The period of `kind` a date falls in, computed independently of the service. */
function periodOf(kind: string, date: string): string {
  const [y, mo] = [date.slice(0, 4), Number(date.slice(5, 7))];
  if (kind === 'YEAR') return y;
  if (kind === 'QUARTER') return `${y}-Q${Math.ceil(mo / 3)}`;
  return date.slice(0, 7);
}
