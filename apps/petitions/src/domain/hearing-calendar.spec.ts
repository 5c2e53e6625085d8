import { InvalidInput } from '@pgov/errors';
import { calendarFilter } from './hearing-calendar';

describe('calendarFilter', () => {
  it('turns China dates into instants, the last day included', () => {
    expect(calendarFilter({ from: '2026-12-01', to: '2026-12-31', status: ['SCHEDULED'] })).toEqual({
      start: new Date('2026-11-30T16:00:00.000Z'),
      end: new Date('2026-12-31T16:00:00.000Z'),
      status: ['SCHEDULED'],
    });
    expect(calendarFilter({ from: '2026-12-01', to: '2026-12-01' }).end).toEqual(new Date('2026-12-01T16:00:00.000Z'));
  });

  it('leaves out what is not asked for', () => {
    expect(calendarFilter({})).toEqual({});
    expect(calendarFilter({ from: null, to: null, status: [] })).toEqual({});
  });

  it('refuses bad dates and a reversed range naming the argument', () => {
    expect(() => calendarFilter({ from: '2026-02-30' })).toThrow(new InvalidInput('from', 'must be a date YYYY-MM-DD (China)'));
    expect(() => calendarFilter({ to: '2026/12/01' })).toThrow(InvalidInput);
    expect(() => calendarFilter({ from: '2026-12-02', to: '2026-12-01' })).toThrow(/to: must not be before from/);
  });
});
