import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { sealPersonalNumbers } from '../src/services/member-personal-data';
import { GRIDS, person, startMemberHarness, type MemberHarness } from './member-harness';

// Members through the service's GraphQL on the real database and broker: the writes and their
// outbox events, who may do what, lists and hearing officers.

let h: MemberHarness;
const admin = identityOf(Role.CITY_ADMIN, '610100');
const leader = identityOf(Role.LEADER, '610113');
const clerk = identityOf(Role.CLERK, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');
const otherLeader = identityOf(Role.LEADER, '610102');

const FIELDS = 'id name team status statusReason informantRoles hearingOfficerKind joinedOn grid { code } district { code } phone idNumber';
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { ${FIELDS} } }`;
const STATUS = `mutation($input: ChangeMemberStatusInput!) { changeMemberStatus(input: $input) { ${FIELDS} } }`;
const MOVE = `mutation($input: MoveMemberInput!) { moveMember(input: $input) { ${FIELDS} } }`;
const GRANT = `mutation($input: InformantRoleInput!) { grantInformantRole(input: $input) { id informantRoles } }`;
const WITHDRAW = `mutation($input: InformantRoleInput!) { withdrawInformantRole(input: $input) { id informantRoles } }`;
const LIST = `query($first: Int, $after: String, $filter: MemberFilter) {
  members(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } }
}`;

interface MemberView {
  id: string;
  name: string;
  team: string;
  status: string;
  statusReason: string | null;
  informantRoles: string[];
  hearingOfficerKind: string | null;
  grid: { code: string };
  district: { code: string };
  phone: string;
  idNumber: string;
}
type ListView = { members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] } };

async function register(input: Record<string, unknown>, by = admin): Promise<MemberView> {
  const res = await h.as<{ registerMember: MemberView }>(by, REGISTER, { input });
  expect(res.errors).toBeUndefined();
  return res.data!.registerMember;
}

const events = (memberId: string) => h.db.outboxEvent.findMany({ where: { key: memberId }, orderBy: { seq: 'asc' } });
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  h = await startMemberHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('registering a member', () => {
  it('stores the member, answers masked numbers and announces it without name, phone or ID number', async () => {
    const p = person('王登记', { informantRoles: ['INFORMATION_OFFICER'], joinedOn: '2025-03-01' });
    const m = await register(p, clerk);
    expect(m).toMatchObject({ name: '王登记', team: 'GRID_WORKER', status: 'ACTIVE', informantRoles: ['INFORMATION_OFFICER'], grid: { code: GRIDS.a1 }, district: { code: '610113' } });
    expect(m.phone).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    expect(m.idNumber).toBe(`${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`);

    const [event] = await events(m.id);
    expect(event!.type).toBe('grids.member.registered');
    expect(event!.envelope).toMatchObject({
      subject: m.id,
      district: '610113',
      data: { memberId: m.id, districtCode: '610113', gridCode: GRIDS.a1, team: 'GRID_WORKER', informantRoles: ['INFORMATION_OFFICER'], status: 'ACTIVE', hearingOfficerKind: null },
    });
    const text = JSON.stringify(event!.envelope);
    for (const secret of [p.name, p.phone, p.idNumber]) expect(text).not.toContain(secret);
  });

  it('refuses a second member with the same ID number (also typed with a lower-case x), naming nobody', async () => {
    const first = await register(person('李一'));
    const p = person('李二', { idNumber: '11010519491231002X' });
    await register(p);
    const again = await h.as(admin, REGISTER, { input: { ...person('冒名者'), idNumber: '11010519491231002x' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idNumber' });
    expect(JSON.stringify(again)).not.toContain(first.id);
    expect(JSON.stringify(again)).not.toContain('11010519491231002');
  });

  it('answers BAD_USER_INPUT naming the field for a wrong check digit, a bad phone and a missing hearing-officer kind', async () => {
    const p = person('赵错');
    const wrong = p.idNumber.slice(0, 17) + (p.idNumber.endsWith('0') ? '1' : '0');
    const badId = await h.as(admin, REGISTER, { input: { ...p, idNumber: wrong } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber', reason: expect.stringMatching(/check digit/) });
    expect(JSON.stringify(badId)).not.toContain(wrong);
    const badPhone = await h.as(admin, REGISTER, { input: { ...p, phone: '1234567' } });
    expect(badPhone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
    const noKind = await h.as(admin, REGISTER, { input: { ...p, team: 'HEARING_OFFICER' } });
    expect(noKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hearingOfficerKind' });
    const retired = await h.as(admin, REGISTER, { input: { ...p, gridCode: GRIDS.retired } });
    expect(retired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridCode' });
    expect(await h.db.member.count({ where: { name: '赵错' } })).toBe(0);
  });

  it('lets only CITY_ADMIN and the district’s LEADER and CLERK register; another district’s grid does not exist for them', async () => {
    expect(codeOf(await h.as(procurator, REGISTER, { input: person('钱') }))).toBe('FORBIDDEN');
    expect(codeOf(await h.as(identityOf(Role.GRID_WORKER, '610113'), REGISTER, { input: person('钱') }))).toBe('FORBIDDEN');
    expect(codeOf(await h.as(otherLeader, REGISTER, { input: person('钱') }))).toBe('NOT_FOUND');
    expect((await register(person('孙跨区', { gridCode: GRIDS.b1 }), admin)).district.code).toBe('610102');
  });
});

describe('changing a member', () => {
  it('updates details, announcing the changed fields’ names only', async () => {
    const m = await register(person('周改'));
    const newPhone = '13700001111';
    const res = await h.as<{ updateMember: MemberView }>(leader, UPDATE, { input: { id: m.id, phone: newPhone, name: '周改名' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMember).toMatchObject({ name: '周改名', phone: '137****1111' });
    const updated = (await events(m.id)).at(-1)!;
    expect(updated.type).toBe('grids.member.updated');
    expect(updated.envelope).toMatchObject({ data: { changedFields: ['name', 'phone'], previousGridCode: null } });
    expect(JSON.stringify(updated.envelope)).not.toContain(newPhone);
    const revealed = await h.as<{ member: { phone: string } }>(leader, `query($id: ID!) { member(id: $id) { phone(reveal: true, reason: "核对成员联系方式") } }`, { id: m.id });
    expect(revealed.data!.member.phone).toBe(newPhone);

    const same = await h.as(leader, UPDATE, { input: { id: m.id, phone: newPhone } });
    expect(same.errors).toBeUndefined();
    expect(await events(m.id)).toHaveLength(2);
  });

  it('moves a hearing officer between teams with the kind, and refuses an ID number someone else has', async () => {
    const m = await register(person('吴听证', { team: 'HEARING_OFFICER', hearingOfficerKind: 'LAWYER' }));
    const toSupervisor = await h.as<{ updateMember: MemberView }>(leader, UPDATE, { input: { id: m.id, team: 'SUPERVISOR' } });
    expect(toSupervisor.data!.updateMember).toMatchObject({ team: 'SUPERVISOR', hearingOfficerKind: null });
    const kindWithoutTeam = await h.as(leader, UPDATE, { input: { id: m.id, hearingOfficerKind: 'NOTARY' } });
    expect(kindWithoutTeam.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hearingOfficerKind' });
    const other = person('郑');
    await register(other);
    expect(codeOf(await h.as(leader, UPDATE, { input: { id: m.id, idNumber: other.idNumber } }))).toBe('CONFLICT');
  });

  it('follows the status machine, keeping the reason for the procuratorate’s eyes only', async () => {
    const m = await register(person('冯状态'));
    const suspended = await h.as<{ changeMemberStatus: MemberView }>(clerk, STATUS, { input: { id: m.id, status: 'SUSPENDED', reason: '长期外出' } });
    expect(suspended.data!.changeMemberStatus).toMatchObject({ status: 'SUSPENDED', statusReason: '长期外出' });
    const again = await h.as(clerk, STATUS, { input: { id: m.id, status: 'SUSPENDED', reason: '再次' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'SUSPENDED' });
    expect(again.errors?.[0]?.message).toMatch(/SUSPENDED/);
    const noReason = await h.as(clerk, STATUS, { input: { id: m.id, status: 'ACTIVE', reason: '' } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

    await h.as(clerk, STATUS, { input: { id: m.id, status: 'RETIRED', reason: '退休' } });
    const back = await h.as(clerk, STATUS, { input: { id: m.id, status: 'ACTIVE', reason: '返聘' } });
    expect(back.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'RETIRED' });
    expect(codeOf(await h.as(clerk, MOVE, { input: { id: m.id, gridCode: GRIDS.a2 } }))).toBe('CONFLICT');

    const changes = (await events(m.id)).filter((e) => e.type === 'grids.member.status-changed').map((e) => e.envelope);
    expect(changes).toMatchObject([
      { data: { previousStatus: 'ACTIVE', status: 'SUSPENDED' } },
      { data: { previousStatus: 'SUSPENDED', status: 'RETIRED' } },
    ]);
    expect(JSON.stringify(changes)).not.toContain('退休');
    const self = await h.as<{ me: { statusReason: string | null } }>(identityOf(Role.GRID_WORKER, '610113', m.id), `{ me { statusReason } }`);
    expect(self.data!.me.statusReason).toBeNull();
  });

  it('moves a member to another grid; the district follows the grid', async () => {
    const m = await register(person('陈搬'));
    const moved = await h.as<{ moveMember: MemberView }>(leader, MOVE, { input: { id: m.id, gridCode: GRIDS.a2 } });
    expect(moved.data!.moveMember.grid.code).toBe(GRIDS.a2);
    expect((await events(m.id)).at(-1)!.envelope).toMatchObject({ type: 'grids.member.updated', data: { gridCode: GRIDS.a2, previousGridCode: GRIDS.a1, changedFields: ['gridCode'] } });
    expect((await h.as(leader, MOVE, { input: { id: m.id, gridCode: GRIDS.retired } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridCode' });
    expect(codeOf(await h.as(leader, MOVE, { input: { id: m.id, gridCode: GRIDS.b1 } }))).toBe('NOT_FOUND');

    const across = await h.as<{ moveMember: MemberView }>(admin, MOVE, { input: { id: m.id, gridCode: GRIDS.b1 } });
    expect(across.data!.moveMember).toMatchObject({ grid: { code: GRIDS.b1 }, district: { code: '610102' } });
    expect((await events(m.id)).at(-1)!.envelope).toMatchObject({ district: '610102', data: { districtCode: '610102', changedFields: ['gridCode', 'districtCode'] } });
    // Now another district's member for the 610113 leader.
    expect(codeOf(await h.as(leader, UPDATE, { input: { id: m.id, name: '陈' } }))).toBe('NOT_FOUND');
  });

  it('grants and withdraws informant roles of grid workers; repeating either changes nothing', async () => {
    const m = await register(person('褚角色'));
    const granted = await h.as<{ grantInformantRole: { informantRoles: string[] } }>(leader, GRANT, { input: { id: m.id, role: 'PUBLICIST' } });
    expect(granted.data!.grantInformantRole.informantRoles).toEqual(['PUBLICIST']);
    const twice = await h.as<{ grantInformantRole: { informantRoles: string[] } }>(leader, GRANT, { input: { id: m.id, role: 'PUBLICIST' } });
    expect(twice.data!.grantInformantRole.informantRoles).toEqual(['PUBLICIST']);
    const absent = await h.as<{ withdrawInformantRole: { informantRoles: string[] } }>(leader, WITHDRAW, { input: { id: m.id, role: 'SUPERVISOR' } });
    expect(absent.data!.withdrawInformantRole.informantRoles).toEqual(['PUBLICIST']);
    await h.as(leader, WITHDRAW, { input: { id: m.id, role: 'PUBLICIST' } });
    const roleEvents = (await events(m.id)).filter((e) => e.type === 'grids.member.roles-changed').map((e) => e.envelope);
    expect(roleEvents).toMatchObject([
      { data: { informantRoles: ['PUBLICIST'], previousInformantRoles: [] } },
      { data: { informantRoles: [], previousInformantRoles: ['PUBLICIST'] } },
    ]);
    const supervisor = await register(person('卫监督', { team: 'SUPERVISOR' }));
    expect((await h.as(leader, GRANT, { input: { id: supervisor.id, role: 'PUBLICIST' } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', team: 'SUPERVISOR' });
  });

  it('answers NOT_FOUND for another district’s member and FORBIDDEN to those who see but may not change', async () => {
    const m = await register(person('蒋隔离'));
    for (const [who, code] of [
      [otherLeader, 'NOT_FOUND'],
      [procurator, 'FORBIDDEN'],
      [identityOf(Role.GRID_WORKER, '610113', m.id), 'FORBIDDEN'],
    ] as const) {
      expect(codeOf(await h.as(who, UPDATE, { input: { id: m.id, name: 'x' } }))).toBe(code);
      expect(codeOf(await h.as(who, STATUS, { input: { id: m.id, status: 'SUSPENDED', reason: 'x' } }))).toBe(code);
      expect(codeOf(await h.as(who, GRANT, { input: { id: m.id, role: 'PUBLICIST' } }))).toBe(code);
    }
    expect(codeOf(await h.as(leader, UPDATE, { input: { id: '00000000-0000-4000-8000-000000000000', name: 'x' } }))).toBe('NOT_FOUND');
  });
});

describe('reading members', () => {
  const names = ['安一', '安二', '安三', '白一', '白二'];
  let ids: Record<string, string>;

  beforeAll(async () => {
    ids = {};
    for (const [i, name] of names.entries()) {
      const m = await register(person(name, { gridCode: i % 2 ? GRIDS.a2 : GRIDS.a1, ...(i === 0 ? { informantRoles: ['INFORMATION_OFFICER'] } : {}) }));
      ids[name] = m.id;
    }
    await h.as(leader, STATUS, { input: { id: ids['白二'], status: 'SUSPENDED', reason: '调查' } });
    await register(person('安外区', { gridCode: GRIDS.b1 }));
    await register(person('柳监督', { team: 'SUPERVISOR' }));
  });

  it('pages in name order with the filters of a grid centre’s screen', async () => {
    const list = (filter: Record<string, unknown>, first = 20, after?: string) => h.as<ListView>(leader, LIST, { filter, first, after });
    const first = await list({ namePrefix: '安' }, 2);
    expect(first.data!.members.totalCount).toBe(3);
    expect(first.data!.members.edges.map((e) => e.node.name)).toEqual(['安一', '安三']);
    const rest = await list({ namePrefix: '安' }, 2, first.data!.members.pageInfo.endCursor!);
    expect(rest.data!.members.edges.map((e) => e.node.name)).toEqual(['安二']);
    expect(rest.data!.members.pageInfo.hasNextPage).toBe(false);

    expect((await list({ namePrefix: '白', status: ['SUSPENDED'] })).data!.members.edges.map((e) => e.node.name)).toEqual(['白二']);
    expect((await list({ namePrefix: '安', gridCode: GRIDS.a2 })).data!.members.edges.map((e) => e.node.name)).toEqual(['安二']);
    expect((await list({ namePrefix: '安', informantRole: 'INFORMATION_OFFICER' })).data!.members.edges.map((e) => e.node.name)).toEqual(['安一']);
    expect((await list({ namePrefix: '柳', team: ['SUPERVISOR'] })).data!.members.totalCount).toBe(1);
    expect((await list({ namePrefix: '柳', team: ['GRID_WORKER'] })).data!.members.totalCount).toBe(0);
    expect((await list({ namePrefix: '%' })).data!.members.totalCount).toBe(0);
    const forged = await h.as(leader, LIST, { after: 'bm90IGEgY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('lists a district’s members to its staff and to city-wide staff; another district sees none', async () => {
    const own = await h.as<ListView>(procurator, LIST, { filter: { namePrefix: '安' } });
    expect(own.data!.members.totalCount).toBe(3);
    const city = await h.as<ListView>(admin, LIST, { filter: { namePrefix: '安' } });
    expect(city.data!.members.totalCount).toBe(4);
    const foreign = await h.as<ListView>(otherLeader, LIST, { filter: { districtCode: '610113', namePrefix: '安' } });
    expect(foreign.data!.members.totalCount).toBe(0);
    expect((await h.as(otherLeader, `query($id: ID!) { member(id: $id) { id } }`, { id: ids['安一'] })).data).toEqual({ member: null });

    const nested = await h.as<{ districts: { code: string; members: { totalCount: number } }[] }>(
      admin,
      `{ districts { code members(first: 2, filter: { namePrefix: "安" }) { totalCount edges { node { name } } } } }`,
    );
    const counts = Object.fromEntries(nested.data!.districts.map((d) => [d.code, d.members.totalCount]));
    expect(counts).toMatchObject({ '610100': 4, '610113': 3, '610102': 1, '610104': 0 });
  });

  it('shows a grid worker only themself, and never another member’s phone or ID number', async () => {
    const me = identityOf(Role.GRID_WORKER, '610113', ids['安一']);
    const list = await h.as<ListView>(me, LIST, {});
    expect(list.data!.members.edges.map((e) => e.node.id)).toEqual([ids['安一']]);
    expect((await h.as(me, `query($id: ID!) { member(id: $id) { phone idNumber } }`, { id: ids['安二'] })).data).toEqual({ member: null });
    const grid = await h.as<{ grid: { members: { edges: { node: { id: string; phone: string } }[] } } }>(me, `query($c: ID!) { grid(code: $c) { members { edges { node { id phone } } } } }`, { c: GRIDS.a1 });
    expect(grid.data!.grid.members.edges.map((e) => e.node.id)).toEqual([ids['安一']]);
    const own = await h.as<{ me: { phone: string; idNumber: string } }>(me, `{ me { phone(reveal: true, reason: "核对成员联系方式") idNumber } }`);
    expect(own.errors).toBeUndefined();
    expect(own.data!.me.phone).toMatch(/^139\d{8}$/);
    expect(own.data!.me.idNumber).toMatch(/^6101\*{10}\w{4}$/);
  });

  it('reveals whole numbers only to the entitled, and audits each revealed read', async () => {
    const q = `query($id: ID!) { member(id: $id) { idNumber(reveal: true, reason: "核对成员联系方式") } }`;
    const refused = await h.as(clerk, q, { id: ids['安二'] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ENTITLED' });
    const revealed = await h.as<{ member: { idNumber: string } }>(leader, q, { id: ids['安二'] });
    expect(revealed.data!.member.idNumber).toMatch(/^610113\d{11}[\dX]$/);
    expect(await h.db.auditLog.count({ where: { recordId: ids['安二'], field: 'idNumber', actor: leader.subject } })).toBe(1);
  });
});

describe('hearing officers', () => {
  let lawyer: string;
  let notary: string;
  let foreign: string;

  beforeAll(async () => {
    lawyer = (await register(person('何律师', { team: 'HEARING_OFFICER', hearingOfficerKind: 'LAWYER' }))).id;
    notary = (await register(person('何公证', { team: 'HEARING_OFFICER', hearingOfficerKind: 'NOTARY' }))).id;
    foreign = (await register(person('何外区', { team: 'HEARING_OFFICER', hearingOfficerKind: 'LAWYER', gridCode: GRIDS.b1 }))).id;
    await h.as(leader, STATUS, { input: { id: notary, status: 'SUSPENDED', reason: '回避' } });
  });

  const OFFICERS = `query($d: ID, $kind: HearingOfficerKind, $active: Boolean) {
    hearingOfficers(districtCode: $d, kind: $kind, activeOnly: $active) { totalCount edges { node { id name kind active district { code } } } }
  }`;
  type Officers = { hearingOfficers: { totalCount: number; edges: { node: { id: string; kind: string; active: boolean } }[] } };

  it('lists a district’s officers by kind, active ones unless asked otherwise', async () => {
    const active = await h.as<Officers>(procurator, OFFICERS, { d: '610113' });
    expect(active.data!.hearingOfficers.edges.map((e) => e.node.id)).toEqual([lawyer]);
    const all = await h.as<Officers>(procurator, OFFICERS, { d: '610113', active: false });
    expect(all.data!.hearingOfficers.edges.map((e) => [e.node.kind, e.node.active])).toEqual(
      expect.arrayContaining([
        ['LAWYER', true],
        ['NOTARY', false],
      ]),
    );
    expect((await h.as<Officers>(procurator, OFFICERS, { kind: 'NOTARY', active: false })).data!.hearingOfficers.totalCount).toBe(1);
    expect((await h.as<Officers>(admin, OFFICERS, { kind: 'LAWYER' })).data!.hearingOfficers.totalCount).toBe(2);
    const nested = await h.as<{ district: { hearingOfficers: { totalCount: number } } }>(clerk, `{ district(code: "610113") { hearingOfficers(kind: LAWYER) { totalCount } } }`);
    expect(nested.data!.district.hearingOfficers.totalCount).toBe(1);
  });

  it('resolves officers as federated entities for whoever may see them, null for others', async () => {
    const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on HearingOfficer { id name kind active district { code } } } }`;
    const reps = [lawyer, foreign, '00000000-0000-4000-8000-000000000000'].map((id) => ({ __typename: 'HearingOfficer', id }));
    const seen = await h.as<{ _entities: ({ id: string } | null)[] }>(procurator, ENTITIES, { reps });
    expect(seen.data!._entities).toEqual([{ id: lawyer, name: '何律师', kind: 'LAWYER', active: true, district: { code: '610113' } }, null, null]);
    const himself = await h.as<{ hearingOfficer: { id: string } | null }>(identityOf(Role.HEARING_OFFICER, '610113', lawyer), `query($id: ID!) { hearingOfficer(id: $id) { id } }`, { id: lawyer });
    expect(himself.data!.hearingOfficer).toEqual({ id: lawyer });
    const other = await h.as(identityOf(Role.HEARING_OFFICER, '610113', lawyer), `query($id: ID!) { hearingOfficer(id: $id) { id } }`, { id: notary });
    expect(other.data).toEqual({ hearingOfficer: null });
    const notOfficer = await h.as(procurator, `query($id: ID!) { hearingOfficer(id: $id) { id } }`, { id: (await register(person('非听证'))).id });
    expect(notOfficer.data).toEqual({ hearingOfficer: null });
  });
});

describe('list cost', () => {
  beforeAll(async () => {
    // Sixty members of one grid, stored as the service stores them.
    await h.db.member.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const { phone, idNumber, gridCode, ...p } = person(`量${String(i).padStart(2, '0')}`, { gridCode: i % 2 ? GRIDS.a1 : GRIDS.a2 });
        return { ...p, team: 'GRID_WORKER' as const, gridCode, districtCode: '610113', joinedOn: new Date('2025-01-01'), ...sealPersonalNumbers(h.service.deps.cipher, { phone, idNumber }) };
      }),
    });
  });

  it('reads a page of 50 members with their grids, districts and masked numbers in as many statements as a page of 5', async () => {
    const page = `query($first: Int) { members(first: $first, filter: { namePrefix: "量" }) { totalCount edges { node { name grid { code } district { name } phone idNumber statusReason } } } }`;
    const run = (first: number) => async () => {
      const res = await h.as<ListView>(leader, page, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data!.members.edges).toHaveLength(first);
    };
    const fifty = await h.statementsOf(run(50));
    // member ids, count, member rows, grids, districts.
    expect(fifty.length).toBeLessThanOrEqual(5);
    expect((await h.statementsOf(run(5))).length).toBe(fifty.length);
  });

  it('batches the members and hearing officers of every district of the city in one go', async () => {
    const query = `{ districts { code members(first: 3) { totalCount edges { node { name grid { code } } } } hearingOfficers { totalCount edges { node { name kind } } } } }`;
    const statements = await h.statementsOf(async () => {
      const res = await h.as<{ districts: unknown[] }>(admin, query);
      expect(res.errors).toBeUndefined();
      expect(res.data!.districts).toHaveLength(14);
    });
    // districts; for members and for officers: the city's page (ids, count, rows) and the 13 districts'
    // first pages together (ids, counts, rows); grids once or twice: at most 15, however many districts.
    expect(statements.length).toBeLessThanOrEqual(15);
  });
});
