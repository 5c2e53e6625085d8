import { isPeriod, periodsOf, periodsOfDate, previousPeriod } from './periods';

describe('periodsOf', () => {
  it('places an instant in China Standard Time', () => {
    expect(periodsOf(new Date('2026-11-25T10:00:00Z'))).toEqual({ MONTH: '2026-11', QUARTER: '2026-Q4', YEAR: '2026' });
    expect(periodsOf(new Date('2026-12-31T17:00:00Z'))).toEqual({ MONTH: '2027-01', QUARTER: '2027-Q1', YEAR: '2027' });
    expect(periodsOf(new Date('2026-03-31T15:59:59Z'))).toEqual({ MONTH: '2026-03', QUARTER: '2026-Q1', YEAR: '2026' });
  });

  it('takes a calendar date as it is', () => {
    expect(periodsOfDate('2026-04-01')).toEqual({ MONTH: '2026-04', QUARTER: '2026-Q2', YEAR: '2026' });
    expect(periodsOfDate('2026-12-31')).toEqual({ MONTH: '2026-12', QUARTER: '2026-Q4', YEAR: '2026' });
  });

  it('validates period strings per kind', () => {
    expect(isPeriod('MONTH', '2026-11')).toBe(true);
    expect(isPeriod('MONTH', '2026-13')).toBe(false);
    expect(isPeriod('QUARTER', '2026-Q4')).toBe(true);
    expect(isPeriod('YEAR', '2026-Q4')).toBe(false);
  });

  it('goes back one period across year ends', () => {
    expect(previousPeriod('MONTH', '2026-01')).toBe('2025-12');
    expect(previousPeriod('MONTH', '2026-11')).toBe('2026-10');
    expect(previousPeriod('QUARTER', '2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('QUARTER', '2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('YEAR', '2026')).toBe('2025');
  });
});
