import { Role, type Identity } from '@pgov/auth';
import { Conflict, Forbidden, InvalidInput, NotFound } from '@pgov/errors';
import { parseInput, toGraphQLError } from '@pgov/graphql-kit';
import { residentIdCheckChar } from '@pgov/privacy';
import { changeMemberStatusInput, registerMemberInput, updateMemberInput } from './member-input';
import {
  decideMove,
  decideRegistration,
  decideRoleGrant,
  decideRoleWithdrawal,
  decideStatusChange,
  decideUpdate,
  memberSnapshot,
  type GridPlacement,
  type MemberFacts,
} from './member-rules';

const ID = '61011319900101123' + residentIdCheckChar('61011319900101123');
const TODAY = '2026-11-26';
const identityOf = (role: Role, district: string): Identity => ({ subject: 'u1', name: '测试', roles: [role], district });
const grid: GridPlacement = { code: '610113-001-001-01', districtCode: '610113', retired: false };
const otherGrid: GridPlacement = { code: '610102-001-001-01', districtCode: '610102', retired: false };
const leader = identityOf(Role.LEADER, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');
const base = { name: ' 王伟 ', team: 'GRID_WORKER', gridCode: grid.code, phone: '138 1234 5678', idNumber: ID };

/** The BAD_USER_INPUT a client would get for `input`. */
function badInput(schema: Parameters<typeof parseInput>[0], input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    return (toGraphQLError(error) as { extensions: { code: string; field: string; reason: string } }).extensions;
  }
  throw new Error('expected a BAD_USER_INPUT');
}

const member = (over: Partial<MemberFacts> = {}): MemberFacts & { phone: string; idNumber: string } => ({
  id: 'm1',
  name: '王伟',
  team: 'GRID_WORKER',
  informantRoles: [],
  status: 'ACTIVE',
  gridCode: grid.code,
  districtCode: '610113',
  hearingOfficerKind: null,
  joinedOn: '2024-01-01',
  phone: '13812345678',
  idNumber: ID,
  ...over,
});

describe('member input', () => {
  it('normalises what people type: trimmed name, phone without spaces, upper-case X', () => {
    const x = '11010519491231002x';
    const parsed = parseInput(registerMemberInput, { ...base, idNumber: x, informantRoles: ['PUBLICIST', 'PUBLICIST'] });
    expect(parsed).toMatchObject({ name: '王伟', phone: '13812345678', idNumber: '11010519491231002X', informantRoles: ['PUBLICIST'] });
  });

  it('names the field and the reason, never the value', () => {
    const wrongCheck = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    const id = badInput(registerMemberInput, { ...base, idNumber: wrongCheck });
    expect(id).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber', reason: expect.stringMatching(/check digit/) });
    expect(JSON.stringify(id)).not.toContain(wrongCheck);
    const phone = badInput(registerMemberInput, { ...base, phone: '12345678901' });
    expect(phone).toMatchObject({ field: 'input.phone', reason: expect.stringMatching(/mobile/) });
    expect(JSON.stringify(phone)).not.toContain('12345678901');
    expect(badInput(registerMemberInput, { ...base, joinedOn: '2026-02-30' })).toMatchObject({ field: 'input.joinedOn' });
    expect(badInput(registerMemberInput, { ...base, name: '   ' })).toMatchObject({ field: 'input.name', reason: 'must not be empty' });
    expect(badInput(changeMemberStatusInput, { id: 'm1', status: 'SUSPENDED', reason: ' ' })).toMatchObject({ field: 'input.reason' });
  });

  it('requires a hearing-officer kind for team HEARING_OFFICER only, and informant roles for grid workers only', () => {
    expect(badInput(registerMemberInput, { ...base, team: 'HEARING_OFFICER' })).toMatchObject({ field: 'input.hearingOfficerKind', reason: expect.stringMatching(/required/) });
    expect(parseInput(registerMemberInput, { ...base, team: 'HEARING_OFFICER', hearingOfficerKind: 'LAWYER' }).hearingOfficerKind).toBe('LAWYER');
    expect(badInput(registerMemberInput, { ...base, team: 'SUPERVISOR', hearingOfficerKind: 'LAWYER' })).toMatchObject({ field: 'input.hearingOfficerKind' });
    expect(badInput(registerMemberInput, { ...base, team: 'SUPERVISOR', informantRoles: ['SUPERVISOR'] })).toMatchObject({ field: 'input.informantRoles' });
  });
});

describe('registration', () => {
  const input = parseInput(registerMemberInput, base);

  it('places the member in the grid’s district, joined today unless said otherwise', () => {
    expect(decideRegistration(leader, input, grid, TODAY)).toMatchObject({ districtCode: '610113', gridCode: grid.code, joinedOn: TODAY, hearingOfficerKind: null });
    expect(() => decideRegistration(leader, { ...input, joinedOn: '2026-11-27' }, grid, TODAY)).toThrow(InvalidInput);
  });

  it('lets CITY_ADMIN register anywhere and a district’s LEADER and CLERK only there', () => {
    expect(decideRegistration(cityAdmin, { ...input, gridCode: otherGrid.code }, otherGrid, TODAY).districtCode).toBe('610102');
    expect(decideRegistration(identityOf(Role.CLERK, '610113'), input, grid, TODAY).districtCode).toBe('610113');
    // Another district's grid answers as if it did not exist.
    expect(() => decideRegistration(leader, { ...input, gridCode: otherGrid.code }, otherGrid, TODAY)).toThrow(NotFound);
    expect(() => decideRegistration(leader, input, null, TODAY)).toThrow(NotFound);
    for (const role of [Role.PROCURATOR, Role.GRID_WORKER, Role.ANALYST, Role.PARTNER, Role.HEARING_OFFICER]) {
      expect(() => decideRegistration(identityOf(role, '610113'), input, grid, TODAY)).toThrow(Forbidden);
    }
  });

  it('refuses a retired grid', () => {
    expect(() => decideRegistration(leader, input, { ...grid, retired: true }, TODAY)).toThrow(/retired/);
  });
});

describe('update', () => {
  const update = (over: object) => parseInput(updateMemberInput, { id: 'm1', ...over });

  it('changes only what differs and names the fields, not their values', () => {
    const { changes, changedFields } = decideUpdate(member(), update({ name: '王伟', phone: '13900000000' }), TODAY);
    expect(changes).toEqual({ phone: '13900000000' });
    expect(changedFields).toEqual(['phone']);
    expect(decideUpdate(member(), update({ phone: '13812345678' }), TODAY).changedFields).toEqual([]);
  });

  it('needs at least one field', () => {
    expect(() => decideUpdate(member(), update({}), TODAY)).toThrow(/at least one field/);
  });

  it('ties the hearing-officer kind to the team', () => {
    expect(() => decideUpdate(member(), update({ team: 'HEARING_OFFICER' }), TODAY)).toThrow(/required for team HEARING_OFFICER/);
    expect(decideUpdate(member(), update({ team: 'HEARING_OFFICER', hearingOfficerKind: 'NOTARY' }), TODAY).changes).toEqual({
      team: 'HEARING_OFFICER',
      hearingOfficerKind: 'NOTARY',
    });
    const officer = member({ team: 'HEARING_OFFICER', hearingOfficerKind: 'NOTARY' });
    expect(decideUpdate(officer, update({ hearingOfficerKind: 'LAWYER' }), TODAY).changedFields).toEqual(['hearingOfficerKind']);
    expect(decideUpdate(officer, update({ team: 'SUPERVISOR' }), TODAY).changes).toEqual({ team: 'SUPERVISOR', hearingOfficerKind: null });
    expect(() => decideUpdate(member(), update({ hearingOfficerKind: 'LAWYER' }), TODAY)).toThrow(/only for team HEARING_OFFICER/);
  });

  it('keeps a grid worker with informant roles in the team until the roles are withdrawn', () => {
    expect(() => decideUpdate(member({ informantRoles: ['PUBLICIST'] }), update({ team: 'SUPERVISOR' }), TODAY)).toThrow(Conflict);
  });

  it('refuses a retired member and a future joining date', () => {
    expect(() => decideUpdate(member({ status: 'RETIRED' }), update({ name: '李' }), TODAY)).toThrow(Conflict);
    expect(() => decideUpdate(member(), update({ joinedOn: '2027-01-01' }), TODAY)).toThrow(InvalidInput);
  });
});

describe('status, moves and informant roles', () => {
  it('records the reason with the status', () => {
    expect(decideStatusChange(member(), { id: 'm1', status: 'SUSPENDED', reason: '长期病假' })).toEqual({ status: 'SUSPENDED', statusReason: '长期病假' });
    expect(() => decideStatusChange(member({ status: 'RETIRED' }), { id: 'm1', status: 'ACTIVE', reason: 'x' })).toThrow(/RETIRED/);
  });

  it('moves to a grid in the caller’s jurisdiction; the district follows the grid', () => {
    const sameDistrict = { ...grid, code: '610113-001-001-02' };
    expect(decideMove(leader, member(), sameDistrict.code, sameDistrict)).toEqual({ gridCode: sameDistrict.code, districtCode: '610113', changedFields: ['gridCode'] });
    expect(decideMove(cityAdmin, member(), otherGrid.code, otherGrid)).toEqual({ gridCode: otherGrid.code, districtCode: '610102', changedFields: ['gridCode', 'districtCode'] });
    expect(() => decideMove(leader, member(), otherGrid.code, otherGrid)).toThrow(NotFound);
    expect(() => decideMove(leader, member(), sameDistrict.code, { ...sameDistrict, retired: true })).toThrow(/retired/);
    expect(decideMove(leader, member(), grid.code, grid)).toBeNull();
  });

  it('grants informant roles to grid workers only; granting a held or withdrawing an absent role changes nothing', () => {
    expect(decideRoleGrant(member(), 'INFORMATION_OFFICER')).toEqual(['INFORMATION_OFFICER']);
    expect(decideRoleGrant(member({ informantRoles: ['INFORMATION_OFFICER'] }), 'INFORMATION_OFFICER')).toBeNull();
    expect(() => decideRoleGrant(member({ team: 'SUPERVISOR' }), 'PUBLICIST')).toThrow(/only grid workers/);
    expect(decideRoleWithdrawal(member({ informantRoles: ['PUBLICIST', 'SUPERVISOR'] }), 'PUBLICIST')).toEqual(['SUPERVISOR']);
    expect(decideRoleWithdrawal(member(), 'PUBLICIST')).toBeNull();
    expect(() => decideRoleGrant(member({ status: 'RETIRED' }), 'PUBLICIST')).toThrow(Conflict);
  });

  it('announces members without name, phone or ID number', () => {
    const snapshot = memberSnapshot(member());
    expect(Object.keys(snapshot).sort()).toEqual(['districtCode', 'gridCode', 'hearingOfficerKind', 'informantRoles', 'memberId', 'status', 'team']);
  });
});
