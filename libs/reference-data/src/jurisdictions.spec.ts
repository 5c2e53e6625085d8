import { CITY_CODE, DISTRICTS, isDistrictOfCity } from './index';

describe('jurisdictions', () => {
  it('lists the 13 basic-level jurisdictions of the city, once each', () => {
    expect(DISTRICTS).toHaveLength(13);
    expect(new Set(DISTRICTS.map((d) => d.code)).size).toBe(13);
    expect(DISTRICTS.every((d) => /^6101\d\d$/.test(d.code) && d.code !== CITY_CODE)).toBe(true);
  });

  it('tells districts from the city and from strangers', () => {
    expect(isDistrictOfCity('610113')).toBe(true);
    expect(isDistrictOfCity(CITY_CODE)).toBe(false);
    expect(isDistrictOfCity('110105')).toBe(false);
  });
});
