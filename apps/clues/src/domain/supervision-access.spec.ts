import { Role, type Identity } from '@pgov/auth';
import { canSeeSupervision, supervisionListScope } from './supervision-access';

const id = (roles: Role[], district: string): Identity => ({ subject: 'u', name: 'x', roles, district });

describe('who sees supervision records', () => {
  it('lets procuratorate staff of the district and the city see them, nobody else', () => {
    for (const role of [Role.CITY_ADMIN, Role.LEADER, Role.PROCURATOR, Role.CLERK]) expect(canSeeSupervision(id([role], '610113'), '610113')).toBe(true);
    expect(canSeeSupervision(id([Role.PROCURATOR], '610100'), '610113')).toBe(true);
    expect(canSeeSupervision(id([Role.PROCURATOR], '610102'), '610113')).toBe(false);
    expect(canSeeSupervision(id([Role.GRID_WORKER], '610113'), '610113')).toBe(false);
    expect(canSeeSupervision(id([Role.ANALYST], '610100'), '610113')).toBe(false);
    expect(canSeeSupervision(id([Role.PARTNER], '610100'), '610113')).toBe(false);
  });

  it('lists the caller’s district, any district for the city, nothing elsewhere', () => {
    expect(supervisionListScope(id([Role.CLERK], '610113'), undefined)).toEqual({ districtCode: '610113' });
    expect(supervisionListScope(id([Role.CLERK], '610113'), '610102')).toBeNull();
    expect(supervisionListScope(id([Role.LEADER], '610100'), null)).toEqual({});
    expect(supervisionListScope(id([Role.LEADER], '610100'), '610100')).toEqual({});
    expect(supervisionListScope(id([Role.LEADER], '610100'), '610102')).toEqual({ districtCode: '610102' });
    expect(supervisionListScope(id([Role.GRID_WORKER], '610113'), undefined)).toBeNull();
  });
});
