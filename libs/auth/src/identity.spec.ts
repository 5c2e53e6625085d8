import { CITY_DISTRICT, Role, canAccessDistrict, durationSeconds, hasRole, isCityWide, type Identity } from './index';

const cityAdmin: Identity = { subject: 'a', name: '市管理员', roles: [Role.CITY_ADMIN], district: CITY_DISTRICT };
const yanta: Identity = { subject: 'b', name: '王五', roles: [Role.PROCURATOR, Role.CLERK], district: '610113' };

describe('identity helpers', () => {
  it('isCityWide is true for 610100 only', () => {
    expect(isCityWide(cityAdmin)).toBe(true);
    expect(isCityWide(yanta)).toBe(false);
  });

  it('canAccessDistrict: city users everywhere, district users their own district only', () => {
    expect(canAccessDistrict(cityAdmin, '610113')).toBe(true);
    expect(canAccessDistrict(yanta, '610113')).toBe(true);
    expect(canAccessDistrict(yanta, '610102')).toBe(false);
    expect(canAccessDistrict(yanta, CITY_DISTRICT)).toBe(false);
  });

  it('hasRole matches any of the given roles', () => {
    expect(hasRole(yanta, Role.CLERK)).toBe(true);
    expect(hasRole(yanta, Role.LEADER, Role.PROCURATOR)).toBe(true);
    expect(hasRole(yanta, Role.CITY_ADMIN)).toBe(false);
    expect(hasRole(yanta)).toBe(false);
  });

  it('durationSeconds parses spans', () => {
    expect(durationSeconds('8h')).toBe(28800);
    expect(durationSeconds('30m')).toBe(1800);
    expect(durationSeconds('7d')).toBe(604800);
    expect(durationSeconds('90')).toBe(90);
    expect(durationSeconds(-60)).toBe(-60);
    expect(() => durationSeconds('soon')).toThrow(/duration/);
  });
});
