import { Role, type Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';
import { assertCanChangeMember, canManageMembersOf, memberListScope } from './member-access';

const who = (role: Role, district: string, subject = 'u1'): Identity => ({ subject, name: '测试', roles: [role], district });
const member = { id: 'm1', districtCode: '610113' };

describe('who changes members', () => {
  it('is CITY_ADMIN anywhere and LEADER or CLERK in their district', () => {
    expect(canManageMembersOf(who(Role.CITY_ADMIN, '610100'), '610102')).toBe(true);
    expect(canManageMembersOf(who(Role.LEADER, '610113'), '610113')).toBe(true);
    expect(canManageMembersOf(who(Role.CLERK, '610113'), '610102')).toBe(false);
    expect(canManageMembersOf(who(Role.PROCURATOR, '610113'), '610113')).toBe(false);
  });

  it('answers NOT_FOUND for a member the caller cannot see, FORBIDDEN for one they see but may not change', () => {
    expect(() => assertCanChangeMember(who(Role.LEADER, '610102'), member)).toThrow(NotFound);
    expect(() => assertCanChangeMember(who(Role.PROCURATOR, '610113'), member)).toThrow(Forbidden);
    expect(() => assertCanChangeMember(who(Role.GRID_WORKER, '610113', 'm1'), member)).toThrow(Forbidden);
    expect(() => assertCanChangeMember(who(Role.CLERK, '610113'), member)).not.toThrow();
  });
});

describe('who lists members', () => {
  it('gives procuratorate staff their district, city-wide staff any or all, everybody else themself', () => {
    expect(memberListScope(who(Role.PROCURATOR, '610113'))).toEqual({ districtCode: '610113' });
    expect(memberListScope(who(Role.PROCURATOR, '610113'), '610113')).toEqual({ districtCode: '610113' });
    expect(memberListScope(who(Role.PROCURATOR, '610113'), '610102')).toBeNull();
    expect(memberListScope(who(Role.CLERK, '610113'), '610100')).toEqual({ districtCode: '610113' });
    expect(memberListScope(who(Role.CITY_ADMIN, '610100'))).toEqual({ districtCode: null });
    expect(memberListScope(who(Role.LEADER, '610100'), '610102')).toEqual({ districtCode: '610102' });
    for (const role of [Role.GRID_WORKER, Role.HEARING_OFFICER, Role.ANALYST, Role.PARTNER]) {
      expect(memberListScope(who(role, '610113', 'me'), '610113')).toEqual({ memberId: 'me' });
    }
  });
});
