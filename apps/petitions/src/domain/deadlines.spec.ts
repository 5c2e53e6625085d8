import { addMonths, deadlineOf, deadlinesToAnnounce, isOnTime, isOverdue, nextDueAt, openDeadlines, replyDeadlines, type SweepState } from './deadlines';
import { day, petition, PROCEDURAL_DUE, RESULT_DUE } from './petition-fixtures';

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

describe('deadlines owed, on time and overdue', () => {
  const base = petition();

  it('owes the procedural and the 3-month reply on receipt; the nearest is the next due', () => {
    expect(openDeadlines(base)).toEqual([
      { kind: 'PROCEDURAL', dueAt: PROCEDURAL_DUE },
      { kind: 'RESULT', dueAt: RESULT_DUE },
    ]);
    expect(nextDueAt(base)).toEqual(PROCEDURAL_DUE);
  });

  it('moves the next due to the 3-month deadline once the procedural reply is in, and to none once a progress or result reply is', () => {
    const acknowledged = { ...base, status: 'ACKNOWLEDGED' as const, proceduralRepliedAt: day(2) };
    expect(nextDueAt(acknowledged)).toEqual(RESULT_DUE);
    expect(nextDueAt({ ...acknowledged, resultRepliedAt: day(30) })).toBeNull();
  });

  it('owes a referred petition its procedural reply only; a concluded or closed one nothing', () => {
    expect(openDeadlines({ ...base, status: 'REFERRED' })).toEqual([{ kind: 'PROCEDURAL', dueAt: PROCEDURAL_DUE }]);
    expect(nextDueAt({ ...base, status: 'REFERRED', proceduralRepliedAt: day(1) })).toBeNull();
    const done = { ...base, proceduralRepliedAt: day(1), resultRepliedAt: day(40) };
    expect(openDeadlines({ ...done, status: 'CONCLUDED' })).toEqual([]);
    expect(openDeadlines({ ...done, status: 'CLOSED' })).toEqual([]);
  });

  it('is on time up to the deadline instant, late a millisecond after; each kind against its own deadline', () => {
    expect(isOnTime('PROCEDURAL', base, day(6))).toBe(true);
    expect(isOnTime('PROCEDURAL', base, PROCEDURAL_DUE)).toBe(true);
    expect(isOnTime('PROCEDURAL', base, new Date(PROCEDURAL_DUE.getTime() + 1))).toBe(false);
    expect(isOnTime('PROGRESS', base, day(8))).toBe(true);
    expect(isOnTime('RESULT', base, RESULT_DUE)).toBe(true);
    expect(isOnTime('RESULT', base, new Date(RESULT_DUE.getTime() + 1))).toBe(false);
    expect(deadlineOf('PROGRESS')).toBe('RESULT');
  });

  it('is overdue once a deadline still owed has passed', () => {
    expect(isOverdue(base, day(6))).toBe(false);
    expect(isOverdue(base, PROCEDURAL_DUE)).toBe(false);
    expect(isOverdue(base, day(8))).toBe(true);
    expect(isOverdue({ ...base, status: 'ACKNOWLEDGED', proceduralRepliedAt: day(9) }, day(10))).toBe(false);
    expect(isOverdue({ ...base, status: 'REFERRED', proceduralRepliedAt: day(1) }, day(400))).toBe(false);
  });
});

describe('the sweep decision', () => {
  const sweepState = (overrides: Partial<SweepState> = {}): SweepState => ({ ...petition(), proceduralOverdueAt: null, resultOverdueAt: null, ...overrides });

  it('announces a missed procedural deadline once', () => {
    expect(deadlinesToAnnounce(sweepState(), day(6))).toEqual([]);
    expect(deadlinesToAnnounce(sweepState(), day(8))).toEqual(['PROCEDURAL']);
    expect(deadlinesToAnnounce(sweepState({ proceduralOverdueAt: day(8) }), day(9))).toEqual([]);
    expect(deadlinesToAnnounce(sweepState({ proceduralRepliedAt: day(9) }), day(10))).toEqual([]);
  });

  it('announces a missed 3-month deadline once, unless a progress or result reply came or the petition left the open states', () => {
    const late = new Date(RESULT_DUE.getTime() + 1);
    const acknowledged = { status: 'ACKNOWLEDGED' as const, proceduralRepliedAt: day(1) };
    expect(deadlinesToAnnounce(sweepState(acknowledged), late)).toEqual(['RESULT']);
    expect(deadlinesToAnnounce(sweepState(), late)).toEqual(['PROCEDURAL', 'RESULT']);
    expect(deadlinesToAnnounce(sweepState({ ...acknowledged, resultOverdueAt: late }), late)).toEqual([]);
    expect(deadlinesToAnnounce(sweepState({ ...acknowledged, resultRepliedAt: day(20) }), late)).toEqual([]);
    expect(deadlinesToAnnounce(sweepState({ ...acknowledged, status: 'REFERRED' }), late)).toEqual([]);
    expect(deadlinesToAnnounce(sweepState({ ...acknowledged, status: 'CLOSED', resultRepliedAt: day(20) }), late)).toEqual([]);
  });
});
