/**
 * GB/T 2260 administrative divisions of the pilot city: national reference data that every service
 * validates against. Programme attributes such as pilot flags are not here: they are data, kept
 * by the grids service.
 */
export interface Jurisdiction {
  code: string;
  name: string;
  /** One-character short name used in document numbers, e.g. 雁 in 雁检建〔2026〕12号. */
  shortName: string;
}

export const CITY_CODE = '610100';

export const DISTRICTS: readonly Jurisdiction[] = [
  { code: '610102', name: '新城区', shortName: '新' },
  { code: '610103', name: '碑林区', shortName: '碑' },
  { code: '610104', name: '莲湖区', shortName: '莲' },
  { code: '610111', name: '灞桥区', shortName: '灞' },
  { code: '610112', name: '未央区', shortName: '未' },
  { code: '610113', name: '雁塔区', shortName: '雁' },
  { code: '610114', name: '阎良区', shortName: '阎' },
  { code: '610115', name: '临潼区', shortName: '临' },
  { code: '610116', name: '长安区', shortName: '长' },
  { code: '610117', name: '高陵区', shortName: '高' },
  { code: '610118', name: '鄠邑区', shortName: '鄠' },
  { code: '610122', name: '蓝田县', shortName: '蓝' },
  { code: '610124', name: '周至县', shortName: '周' },
];

const CODES = new Set(DISTRICTS.map((d) => d.code));

/** The city procuratorate itself (西安市人民检察院): 西 in 西检建〔2026〕1号. */
export const CITY: Jurisdiction = { code: CITY_CODE, name: '西安市', shortName: '西' };

/** A jurisdiction (the city or one of its districts) by code, or undefined. */
export function jurisdictionOf(code: string): Jurisdiction | undefined {
  return code === CITY_CODE ? CITY : DISTRICTS.find((d) => d.code === code);
}

/** One of the 13 basic-level jurisdictions (not the city itself). */
export function isDistrictOfCity(code: string): boolean {
  return CODES.has(code);
}
