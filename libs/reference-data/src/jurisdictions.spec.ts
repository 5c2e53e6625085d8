import { chinaMonth, CITY_CODE, DISTRICTS, fromChinaWallClock, isDistrictOfCity, jurisdictionOf, toChinaWallClock } from './index';

describe('jurisdictions', () => {
  it('lists the 13 basic-level jurisdictions of the city, once each', () => {
    expect(DISTRICTS).toHaveLength(13);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(13);
    expect(DISTRICTS.every((d) => /^6101\d\d$/.test(d.code) && d.code !== CITY_CODE)).toBe(true);
  });

  it('gives each jurisdiction a distinct one-character short name for document numbers', () => {
    const names = [...DISTRICTS.map((d) => d.shortName), jurisdictionOf(CITY_CODE)!.shortName];
    expect(names.every((n) => [...n].length === 1)).toBe(true);
    expect(new Set(names).size).toBe(14);
    expect(jurisdictionOf('610113')).toMatchObject({ name: '雁塔区', shortName: '雁' });
    expect(jurisdictionOf('110105')).toBeUndefined();
  });

  it('tells districts from the city and from strangers', () => {
    expect(isDistrictOfCity('610113')).toBe(true);
    expect(isDistrictOfCity(CITY_CODE)).toBe(false);
    expect(isDistrictOfCity('110105')).toBe(false);
  });
});

describe('China Standard Time', () => {
  it('reads instants on the wall clock of UTC+8 and back', () => {
    const at = new Date('2026-12-31T17:30:00Z');
    expect(toChinaWallClock(at).toISOString()).toBe('2027-01-01T01:30:00.000Z');
    expect(fromChinaWallClock(toChinaWallClock(at)).getTime()).toBe(at.getTime());
    expect(chinaMonth(at)).toBe('2027-01');
    expect(chinaMonth(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12');
  });
});
