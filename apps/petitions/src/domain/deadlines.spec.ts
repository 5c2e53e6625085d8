import { addMonths, replyDeadlines } from './deadlines';

describe('reply deadlines', () => {
  it('derives 7 days and 3 months from receipt by default rules', () => {
    const d = replyDeadlines(new Date('2026-11-25T02:00:00Z'), { proceduralReplyDays: 7, resultReplyMonths: 3 });
    expect(d.proceduralReplyDueAt.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(d.resultReplyDueAt.toISOString()).toBe('2027-02-25T02:00:00.000Z');
  });

  it('clamps to the end of shorter months', () => {
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2027-11-30T00:00:00Z'), 3).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    // 30 Jan 20:00 UTC is already 31 Jan in China: a month later is 28 Feb 04:00 there.
    expect(addMonths(new Date('2026-01-30T20:00:00Z'), 1).toISOString()).toBe('2026-02-27T20:00:00.000Z');
  });
});
