import { isPeriod, periodsOf } from './periods';

describe('periodsOf', () => {
  it('uses China Standard Time for month, quarter and year', () => {
    expect(periodsOf(new Date('2026-11-25T10:00:00Z'))).toEqual({ month: '2026-11', quarter: '2026-Q4', year: '2026' });
    expect(periodsOf(new Date('2026-12-31T17:00:00Z'))).toEqual({ month: '2027-01', quarter: '2027-Q1', year: '2027' });
    expect(periodsOf(new Date('2026-03-31T15:59:59Z'))).toEqual({ month: '2026-03', quarter: '2026-Q1', year: '2026' });
  });

  it('validates period strings per kind', () => {
    expect(isPeriod('MONTH', '2026-11')).toBe(true);
    expect(isPeriod('MONTH', '2026-13')).toBe(false);
    expect(isPeriod('QUARTER', '2026-Q4')).toBe(true);
    expect(isPeriod('YEAR', '2026-Q4')).toBe(false);
  });
});
