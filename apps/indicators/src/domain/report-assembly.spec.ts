import { CITY, DISTRICTS, jurisdictionOf } from '@pgov/reference-data';
import { assembleReport, rankOf, trendOf, type CatalogueEntry, type StoredValue } from './report-assembly';

const adoption: CatalogueEntry = {
  code: 'RECOMMENDATION_ADOPTION_RATE',
  name: '检察建议采纳率',
  description: 'adopted / replies',
  unit: 'RATE',
  direction: 'HIGHER_IS_BETTER',
  scope: 'NATIONAL',
  target: 0.9,
};
const days: CatalogueEntry = { ...adoption, code: 'CLUE_DECISION_DAYS', unit: 'DAYS', direction: 'LOWER_IS_BETTER', target: 15 };

const v = (indicatorCode: string, districtCode: string, period: string, numerator: number, denominator: number): StoredValue => ({
  indicatorCode,
  districtCode,
  period,
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

describe('rankOf and trendOf', () => {
  it('ranks best first by the direction, ties sharing a rank', () => {
    expect(rankOf('HIGHER_IS_BETTER', [0.5, 0.9, 0.9, null, 0.7], 0.9)).toBe(1);
    expect(rankOf('HIGHER_IS_BETTER', [0.5, 0.9, 0.9, null, 0.7], 0.7)).toBe(3);
    expect(rankOf('LOWER_IS_BETTER', [3, 10, 7], 10)).toBe(3);
    expect(rankOf('LOWER_IS_BETTER', [3, 10, 7], null)).toBeNull();
  });

  it('compares with the previous period', () => {
    expect(trendOf(0.5, 0.7)).toBe('UP');
    expect(trendOf(0.7, 0.5)).toBe('DOWN');
    expect(trendOf(0.5, 0.5)).toBe('FLAT');
    expect(trendOf(null, 0.5)).toBeNull();
  });
});

describe('assembleReport', () => {
  const values = [
    v('RECOMMENDATION_ADOPTION_RATE', '610113', '2026-Q4', 3, 4),
    v('RECOMMENDATION_ADOPTION_RATE', '610113', '2026-Q3', 1, 1),
    v('RECOMMENDATION_ADOPTION_RATE', '610102', '2026-Q4', 1, 1),
    v('RECOMMENDATION_ADOPTION_RATE', '610100', '2026-Q4', 4, 5),
    v('CLUE_DECISION_DAYS', '610113', '2026-Q4', 20, 4),
    v('CLUE_DECISION_DAYS', '610113', '2026-Q3', 30, 3),
  ];
  const input = {
    periodKind: 'QUARTER' as const,
    period: '2026-Q4',
    catalogue: [adoption, days],
    values,
    overdue: [],
    generatedAt: new Date('2026-11-26T02:00:00Z'),
  };

  it('gives a district its value, target, trend (for the better or not) and rank among the districts', () => {
    const report = assembleReport({ ...input, jurisdiction: jurisdictionOf('610113')! });
    expect(report.previousPeriod).toBe('2026-Q3');
    const a = report.lines.find((l) => l.code === 'RECOMMENDATION_ADOPTION_RATE');
    const d = report.lines.find((l) => l.code === 'CLUE_DECISION_DAYS');
    expect(a).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, previousValue: 1, trend: 'DOWN', improved: false, meetsTarget: false, rank: 2, rankedAmong: 2 });
    expect(a!.districtValues).toHaveLength(DISTRICTS.length);
    expect(a!.districtValues.find((x) => x.districtCode === '610102')!.value).toBe(1);
    // Fewer days is better: 5 after 10 is DOWN and an improvement.
    expect(d).toMatchObject({ value: 5, trend: 'DOWN', improved: true, meetsTarget: true, rank: 1, rankedAmong: 1 });
  });

  it('lists the indicators in the catalogue order of DOMAIN.md, not alphabetically', () => {
    const report = assembleReport({ ...input, catalogue: [adoption, days, { ...days, code: 'CLUES_FROM_GRIDS' }], jurisdiction: CITY });
    expect(report.lines.map((l) => l.code)).toEqual(['CLUES_FROM_GRIDS', 'CLUE_DECISION_DAYS', 'RECOMMENDATION_ADOPTION_RATE']);
  });

  it('gives the city its pooled value and no rank', () => {
    const report = assembleReport({ ...input, jurisdiction: CITY });
    expect(report.lines.find((l) => l.code === 'RECOMMENDATION_ADOPTION_RATE')).toMatchObject({ value: 0.8, rank: null, rankedAmong: 2, meetsTarget: false });
    expect(report.lines.find((l) => l.code === 'CLUE_DECISION_DAYS')).toMatchObject({ value: null, meetsTarget: null, trend: null });
  });
});
