/**
 * GB/T 2260 administrative divisions of the pilot city: national reference data that every service
 * validates against. Programme attributes such as pilot flags are not here: they are data, kept
 * by the grids service.
 */
export interface Jurisdiction {
  code: string;
  name: string;
}

export const CITY_CODE = '610100';

export const DISTRICTS: readonly Jurisdiction[] = [
  { code: '610102', name: '新城区' },
  { code: '610103', name: '碑林区' },
  { code: '610104', name: '莲湖区' },
  { code: '610111', name: '灞桥区' },
  { code: '610112', name: '未央区' },
  { code: '610113', name: '雁塔区' },
  { code: '610114', name: '阎良区' },
  { code: '610115', name: '临潼区' },
  { code: '610116', name: '长安区' },
  { code: '610117', name: '高陵区' },
  { code: '610118', name: '鄠邑区' },
  { code: '610122', name: '蓝田县' },
  { code: '610124', name: '周至县' },
];

const CODES = new Set(DISTRICTS.map((d) => d.code));

/** One of the 13 basic-level jurisdictions (not the city itself). */
export function isDistrictOfCity(code: string): boolean {
  return CODES.has(code);
}
