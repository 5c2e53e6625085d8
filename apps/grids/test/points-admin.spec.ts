import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { person, startMemberHarness, type MemberHarness } from './member-harness';

// Rewards managed by people, through the service's GraphQL on the real database: manual
// adjustments (CITY_ADMIN, audited, announced) and district amounts.
let h: MemberHarness;
let memberId: string;
const admin = identityOf(Role.CITY_ADMIN, '610100');

const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id points reason note clueId } }`;
const RULE = `mutation($input: SetPointsRuleInput!) { setPointsRule(input: $input) { districtCode reason points isDefault } }`;
const balance = async () => (await h.as<{ member: { pointBalance: number } }>(admin, `query($id: ID!) { member(id: $id) { pointBalance } }`, { id: memberId })).data!.member.pointBalance;

beforeAll(async () => {
  h = await startMemberHarness();
  const res = await h.as<{ registerMember: { id: string } }>(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
    input: person('积分网格员', { informantRoles: ['INFORMATION_OFFICER'] }),
  });
  memberId = res.data!.registerMember.id;
});

afterAll(async () => {
  await h?.stop();
});

describe('manual adjustments', () => {
  it('adds points with a reason: ledger entry, audit row and an internal event, in one go', async () => {
    const res = await h.as<{ adjustPoints: { id: string } }>(admin, ADJUST, { input: { memberId, points: 5, reason: '年度优秀信息员' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.adjustPoints).toMatchObject({ points: 5, reason: 'MANUAL_ADJUSTMENT', note: '年度优秀信息员', clueId: null });
    const entryId = res.data!.adjustPoints.id;
    expect(await balance()).toBe(5);
    expect(await h.db.auditLog.findMany({ where: { recordId: entryId } })).toEqual([expect.objectContaining({ actor: admin.subject, recordType: 'PointsEntry', field: 'adjustment' })]);
    const events = await h.db.outboxEvent.findMany({ where: { type: 'grids.points.adjusted', key: memberId } });
    expect(events.map((e) => e.envelope)).toEqual([expect.objectContaining({ data: expect.objectContaining({ memberId, points: 5, ledgerEntryId: entryId, adjustedBy: admin.subject }) })]);
  });

  it('never takes a balance below zero, and leaves nothing behind when refused', async () => {
    const entries = await h.db.pointsEntry.count();
    const res = await h.as(admin, ADJUST, { input: { memberId, points: -6, reason: '扣减' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.points' });
    expect(await h.db.pointsEntry.count()).toBe(entries);
    expect(await balance()).toBe(5);
  });

  it('refuses bad input with the field and reason', async () => {
    const zero = await h.as(admin, ADJUST, { input: { memberId, points: 0, reason: '无' } });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.points' });
    const noReason = await h.as(admin, ADJUST, { input: { memberId, points: 1, reason: ' ' } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const unknown = await h.as(admin, ADJUST, { input: { memberId: '00000000-0000-4000-8000-000000000000', points: 1, reason: '奖励' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is for the city administrators only', async () => {
    for (const who of [identityOf(Role.LEADER, '610113'), identityOf(Role.CITY_ADMIN, '610113'), identityOf(Role.PROCURATOR, '610100')]) {
      const res = await h.as(who, ADJUST, { input: { memberId, points: 1, reason: '奖励' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await balance()).toBe(5);
  });
});

describe('district amounts', () => {
  it('sets a district’s own amount, shown beside the defaults to its staff', async () => {
    const set = await h.as(admin, RULE, { input: { districtCode: '610113', reason: 'CLUE_CASE_OPENED', points: 9 } });
    expect(set.data).toEqual({ setPointsRule: { districtCode: '610113', reason: 'CLUE_CASE_OPENED', points: 9, isDefault: false } });
    const q = `{ district(code: "610113") { pointsRules { reason points isDefault } } }`;
    const seen = await h.as<{ district: { pointsRules: unknown[] } }>(identityOf(Role.LEADER, '610113'), q);
    expect(seen.data!.district.pointsRules).toEqual([
      { reason: 'CLUE_ACCEPTED', points: h.config.POINTS_CLUE_ACCEPTED, isDefault: true },
      { reason: 'CLUE_CASE_OPENED', points: 9, isDefault: false },
    ]);
    expect((await h.as(identityOf(Role.ANALYST, '610113'), q)).data).toEqual({ district: { pointsRules: [] } });
  });

  it('refuses other callers and amounts out of range', async () => {
    const leader = await h.as(identityOf(Role.LEADER, '610113'), RULE, { input: { districtCode: '610113', reason: 'CLUE_ACCEPTED', points: 3 } });
    expect(leader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await h.as(admin, RULE, { input: { districtCode: '610113', reason: 'CLUE_ACCEPTED', points: 5000 } });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.points' });
  });
});
