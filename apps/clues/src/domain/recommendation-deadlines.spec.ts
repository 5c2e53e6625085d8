import { addCalendarMonths } from '@pgov/reference-data';
import { isPastDue, repliedOnTime, replyDueOn } from './recommendation-deadlines';

describe('recommendation reply deadline', () => {
  it.each([
    ['2026-11-26', 2, '2027-01-26'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-10-31', 1, '2026-11-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-02-28', 1, '2026-03-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-06-15', 12, '2027-06-15'],
  ])('%s + %i months = %s (month ends clamp)', (date, months, due) => {
    expect(addCalendarMonths(date, months)).toBe(due);
  });

  it('counts from the issue date in China, not UTC, around midnight', () => {
    // 23:59 on 31 Dec in Beijing is still 2026-12-31 there: due 2027-02-28.
    expect(replyDueOn(new Date('2026-12-31T15:59:59.999Z'), 2)).toBe('2027-02-28');
    // 00:00 on 1 Jan in Beijing (16:00 UTC the day before): due 2027-03-01.
    expect(replyDueOn(new Date('2026-12-31T16:00:00.000Z'), 2)).toBe('2027-03-01');
    // 07:59 on 30 Nov in Beijing, 23:59 on 29 Nov UTC.
    expect(replyDueOn(new Date('2026-11-29T23:59:00Z'), 2)).toBe('2027-01-30');
  });

  it('takes the configured number of months', () => {
    expect(replyDueOn(new Date('2026-11-26T02:00:00Z'), 1)).toBe('2026-12-26');
    expect(replyDueOn(new Date('2026-11-26T02:00:00Z'), 3)).toBe('2027-02-26');
  });
});

describe('past due', () => {
  const due = '2027-01-26';
  it('is not on the due date itself, in China time, up to its last second', () => {
    expect(isPastDue('ISSUED', due, new Date('2027-01-26T15:59:59.999Z'))).toBe(false);
  });

  it('is from midnight in China after the due date, whatever the sweep did', () => {
    expect(isPastDue('ISSUED', due, new Date('2027-01-26T16:00:00.000Z'))).toBe(true);
    expect(isPastDue('OVERDUE', due, new Date('2027-01-27T16:00:00.000Z'))).toBe(true);
  });

  it('never once replied, late or not', () => {
    for (const status of ['REPLIED', 'RECTIFIED', 'NOT_RECTIFIED', 'ESCALATED'] as const) {
      expect(isPastDue(status, due, new Date('2027-06-01T00:00:00Z'))).toBe(false);
    }
  });
});

describe('reply on time', () => {
  const due = '2027-01-26';
  it('is a reply on or before the due date in China', () => {
    expect(repliedOnTime(new Date('2026-12-01T00:00:00Z'), due)).toBe(true);
    expect(repliedOnTime(new Date('2027-01-26T15:59:59Z'), due)).toBe(true);
  });

  it('is not one after midnight in China following the due date', () => {
    expect(repliedOnTime(new Date('2027-01-26T16:00:00Z'), due)).toBe(false);
    expect(repliedOnTime(new Date('2027-03-01T00:00:00Z'), due)).toBe(false);
  });
});
