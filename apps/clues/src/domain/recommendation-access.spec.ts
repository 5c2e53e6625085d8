import { Role, type Identity } from '@pgov/auth';
import { canChangeRecommendation, canSeeRecommendation, recommendationListScope } from './recommendation-access';

const who = (role: Role, district: string): Identity => ({ subject: 's', name: '测试', roles: [role], district });

describe('who sees and changes recommendations', () => {
  const ours = { districtCode: '610113' };
  it.each([Role.CITY_ADMIN, Role.LEADER, Role.PROCURATOR, Role.CLERK])('%s of the district sees them, one of another district does not', (role) => {
    expect(canSeeRecommendation(who(role, '610113'), ours)).toBe(true);
    expect(canSeeRecommendation(who(role, '610102'), ours)).toBe(false);
    expect(canSeeRecommendation(who(role, '610100'), ours)).toBe(true);
  });

  it.each([Role.GRID_WORKER, Role.ANALYST, Role.PARTNER, Role.HEARING_OFFICER])('%s sees none', (role) => {
    expect(canSeeRecommendation(who(role, '610113'), ours)).toBe(false);
    expect(recommendationListScope(who(role, '610100'))).toBeNull();
  });

  it('lists the district for district staff and everything for city staff', () => {
    expect(recommendationListScope(who(Role.CLERK, '610113'))).toEqual({ districtCode: '610113' });
    expect(recommendationListScope(who(Role.LEADER, '610100'))).toEqual({});
  });

  it('lets PROCURATOR and LEADER of the district and a city-wide CITY_ADMIN change them', () => {
    expect(canChangeRecommendation(who(Role.PROCURATOR, '610113'), ours)).toBe(true);
    expect(canChangeRecommendation(who(Role.LEADER, '610113'), ours)).toBe(true);
    expect(canChangeRecommendation(who(Role.CITY_ADMIN, '610100'), ours)).toBe(true);
    expect(canChangeRecommendation(who(Role.CITY_ADMIN, '610113'), ours)).toBe(false);
    expect(canChangeRecommendation(who(Role.CLERK, '610113'), ours)).toBe(false);
    expect(canChangeRecommendation(who(Role.PROCURATOR, '610102'), ours)).toBe(false);
  });
});
