import { Role, type Identity } from '@pgov/auth';
import { calendarScope, canRunHearings, canSeeHearings, canSeeOfficerNames, mayRunHearings } from './hearing-access';

const who = (role: Role, district = '610113'): Identity => ({ subject: 's', name: 'n', roles: [role], district });

describe('hearing access', () => {
  it('lets the district procurators and leaders and city admins run hearings, nobody else', () => {
    expect(canRunHearings(who(Role.PROCURATOR), '610113')).toBe(true);
    expect(canRunHearings(who(Role.LEADER), '610113')).toBe(true);
    expect(canRunHearings(who(Role.CITY_ADMIN, '610100'), '610113')).toBe(true);
    expect(canRunHearings(who(Role.PROCURATOR, '610100'), '610113')).toBe(true);
    expect(canRunHearings(who(Role.PROCURATOR), '610102')).toBe(false);
    expect(canRunHearings(who(Role.CITY_ADMIN), '610113')).toBe(false);
    for (const role of [Role.CLERK, Role.GRID_WORKER, Role.HEARING_OFFICER, Role.ANALYST, Role.PARTNER]) {
      expect(mayRunHearings(who(role))).toBe(false);
      expect(canRunHearings(who(role, '610100'), '610113')).toBe(false);
    }
  });

  it('shows hearings to the district staff and city staff only', () => {
    expect(canSeeHearings(who(Role.CLERK), '610113')).toBe(true);
    expect(canSeeHearings(who(Role.LEADER, '610100'), '610113')).toBe(true);
    expect(canSeeHearings(who(Role.LEADER), '610102')).toBe(false);
    expect(canSeeHearings(who(Role.HEARING_OFFICER), '610113')).toBe(false);
    expect(canSeeHearings(who(Role.ANALYST, '610100'), '610113')).toBe(false);
  });

  it('shows external officers names to procuratorate staff only', () => {
    expect(canSeeOfficerNames(who(Role.CLERK))).toBe(true);
    expect(canSeeOfficerNames(who(Role.GRID_WORKER))).toBe(false);
    expect(canSeeOfficerNames(who(Role.PARTNER, '610100'))).toBe(false);
  });

  it('scopes the calendar to the caller’s jurisdiction', () => {
    expect(calendarScope(who(Role.CLERK), undefined)).toEqual({ districtCode: '610113' });
    expect(calendarScope(who(Role.CLERK), '610102')).toBeNull();
    expect(calendarScope(who(Role.CLERK), '610100')).toBeNull();
    expect(calendarScope(who(Role.LEADER, '610100'), undefined)).toEqual({});
    expect(calendarScope(who(Role.LEADER, '610100'), '610102')).toEqual({ districtCode: '610102' });
    expect(calendarScope(who(Role.ANALYST, '610100'), '610102')).toBeNull();
  });
});
