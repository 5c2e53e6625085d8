import { chinaDateTime, displayValue, jurisdictionTitle, periodLabel, periodRange, plainNumber, plainValue } from './report-format';

describe('report formats', () => {
  it('names periods the Chinese way', () => {
    expect(periodLabel('QUARTER', '2026-Q4')).toBe('2026年第四季度');
    expect(periodLabel('MONTH', '2026-02')).toBe('2026年2月');
    expect(periodLabel('YEAR', '2026')).toBe('2026年度');
    expect(periodRange('MONTH', '2026-02')).toBe('2026-02-01 至 2026-02-28');
    expect(periodRange('QUARTER', 'nonsense')).toBe('');
  });

  it('shows rates as percents, days with one decimal, counts as integers, nothing as a dash', () => {
    expect(displayValue('RATE', 11 / 12)).toBe('91.7%');
    expect(displayValue('DAYS', 8.66)).toBe('8.7 天');
    expect(displayValue('COUNT', 1234)).toBe('1,234');
    expect(displayValue('RATE', null)).toBe('—');
  });

  it('writes plain numbers for machines', () => {
    expect(plainValue('RATE', 11 / 12)).toBe('0.9167');
    expect(plainValue('DAYS', 8.66)).toBe('8.7');
    expect(plainValue('COUNT', 7)).toBe('7');
    expect(plainValue('RATE', null)).toBe('');
    expect(plainNumber(173.24123456)).toBe('173.2412');
    expect(plainNumber(36)).toBe('36');
  });

  it('puts the city before a district, and shows instants in China time', () => {
    expect(jurisdictionTitle('610113', '雁塔区')).toBe('西安市雁塔区');
    expect(jurisdictionTitle('610100', '西安市')).toBe('西安市');
    expect(chinaDateTime('2026-12-31T17:00:00.000Z')).toBe('2027-01-01 01:00');
  });
});
