import { addDays, calendarDate, chinaDate, isCalendarDate, periodDates, periodInstants } from './index';

describe('calendar dates', () => {
  it('accepts dates that exist and nothing else', () => {
    expect(isCalendarDate('2026-11-26')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-11-31')).toBe(false);
    expect(isCalendarDate('2026-1-5')).toBe(false);
    expect(isCalendarDate('2026-11-26T00:00:00Z')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });

  it('reads a date as UTC midnight, the value of a date column, and counts days across months and years', () => {
    expect(calendarDate('2026-11-26').toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(() => calendarDate('2026-02-30')).toThrow(RangeError);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-26', 366)).toBe('2027-11-27');
  });

  it('places an instant on the calendar of China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('periods', () => {
  it('gives the first day and the day after the last of a month, a quarter and a year', () => {
    expect(periodDates('MONTH', '2026-11')).toEqual({ from: '2026-11-01', until: '2026-12-01' });
    expect(periodDates('MONTH', '2026-12')).toEqual({ from: '2026-12-01', until: '2027-01-01' });
    expect(periodDates('MONTH', '2028-02')).toEqual({ from: '2028-02-01', until: '2028-03-01' });
    expect(periodDates('QUARTER', '2026-Q1')).toEqual({ from: '2026-01-01', until: '2026-04-01' });
    expect(periodDates('QUARTER', '2026-Q4')).toEqual({ from: '2026-10-01', until: '2027-01-01' });
    expect(periodDates('YEAR', '2026')).toEqual({ from: '2026-01-01', until: '2027-01-01' });
  });

  it('refuses a period of another kind or shape', () => {
    expect(periodDates('MONTH', '2026-13')).toBeNull();
    expect(periodDates('MONTH', '2026-Q4')).toBeNull();
    expect(periodDates('QUARTER', '2026-Q5')).toBeNull();
    expect(periodDates('QUARTER', '2026-11')).toBeNull();
    expect(periodDates('YEAR', '2026-Q4')).toBeNull();
    expect(periodDates('YEAR', '26')).toBeNull();
  });

  it('bounds a period in instants at midnight in China', () => {
    expect(periodInstants('MONTH', '2026-11')).toEqual({ start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(periodInstants('YEAR', 'x')).toBeNull();
  });
});
