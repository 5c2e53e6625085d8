import { deadlinesComingDue, dueSoonFrom, dueSoonHorizon, type ComingDueState } from './deadlines-coming-due';
import { day, petition, PROCEDURAL_DUE, RESULT_DUE } from './petition-fixtures';

const RULES = { proceduralDueSoonDays: 2, resultDueSoonDays: 15 };
const HOUR = 3_600_000;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);
const state = (overrides: Partial<ComingDueState> = {}): ComingDueState => ({ ...petition(), proceduralDueSoonAt: null, resultDueSoonAt: null, ...overrides });
const acknowledged = { status: 'ACKNOWLEDGED' as const, proceduralRepliedAt: day(1) };

describe('a deadline coming due', () => {
  it('opens its warning window 2 days before the procedural deadline and 15 days before the 3-month one (24-hour China days)', () => {
    expect(dueSoonFrom('PROCEDURAL', PROCEDURAL_DUE, RULES)).toEqual(at(PROCEDURAL_DUE, -48));
    expect(dueSoonFrom('RESULT', RESULT_DUE, RULES)).toEqual(at(RESULT_DUE, -15 * 24));
    expect(dueSoonFrom('RESULT', RESULT_DUE, { ...RULES, resultDueSoonDays: 0 })).toBeNull();
    const now = day(3);
    expect(dueSoonHorizon(now, RULES)).toEqual({ PROCEDURAL: at(now, 48), RESULT: at(now, 15 * 24) });
    expect(dueSoonHorizon(now, { proceduralDueSoonDays: 0, resultDueSoonDays: 15 }).PROCEDURAL).toBeNull();
  });

  it('announces the procedural deadline from the window’s first instant up to the deadline’s, not a millisecond before or after', () => {
    const opens = at(PROCEDURAL_DUE, -48);
    expect(deadlinesComingDue(state(), new Date(opens.getTime() - 1), RULES)).toEqual([]);
    expect(deadlinesComingDue(state(), opens, RULES)).toEqual(['PROCEDURAL']);
    expect(deadlinesComingDue(state(), day(6), RULES)).toEqual(['PROCEDURAL']);
    expect(deadlinesComingDue(state(), PROCEDURAL_DUE, RULES)).toEqual(['PROCEDURAL']);
    // Passed: it is missed now (deadlinesToAnnounce), never "coming due".
    expect(deadlinesComingDue(state(), new Date(PROCEDURAL_DUE.getTime() + 1), RULES)).toEqual([]);
  });

  it('announces each deadline once', () => {
    expect(deadlinesComingDue(state({ proceduralDueSoonAt: day(5) }), day(6), RULES)).toEqual([]);
    const late = at(RESULT_DUE, -24);
    expect(deadlinesComingDue(state({ ...acknowledged, resultDueSoonAt: at(RESULT_DUE, -48) }), late, RULES)).toEqual([]);
    expect(deadlinesComingDue(state(acknowledged), late, RULES)).toEqual(['RESULT']);
  });

  it('announces nothing once the reply it warns of is in', () => {
    expect(deadlinesComingDue(state({ proceduralRepliedAt: day(4) }), day(6), RULES)).toEqual([]);
    const late = at(RESULT_DUE, -24);
    expect(deadlinesComingDue(state({ ...acknowledged, status: 'IN_PROGRESS', resultRepliedAt: day(30) }), late, RULES)).toEqual([]);
  });

  it('announces the 3-month deadline only while it is owed: not for a referred, concluded or closed petition', () => {
    const late = at(RESULT_DUE, -24);
    expect(deadlinesComingDue(state({ ...acknowledged, status: 'REFERRED' }), late, RULES)).toEqual([]);
    expect(deadlinesComingDue(state({ ...acknowledged, status: 'CLOSED' }), late, RULES)).toEqual([]);
    expect(deadlinesComingDue(state({ ...acknowledged, status: 'CONCLUDED', resultRepliedAt: day(40) }), late, RULES)).toEqual([]);
    // An unanswered letter whose 3-month deadline nears: the procedural one passed long ago (missed), the other is coming due.
    expect(deadlinesComingDue(state(), late, RULES)).toEqual(['RESULT']);
  });

  it('announces nothing for a kind whose window is 0', () => {
    expect(deadlinesComingDue(state(), PROCEDURAL_DUE, { ...RULES, proceduralDueSoonDays: 0 })).toEqual([]);
    expect(deadlinesComingDue(state(acknowledged), RESULT_DUE, { ...RULES, resultDueSoonDays: 0 })).toEqual([]);
  });

  it('announces both when both windows are open', () => {
    const wide = { proceduralDueSoonDays: 7, resultDueSoonDays: 120 };
    expect(deadlinesComingDue(state(), day(1), wide)).toEqual(['PROCEDURAL', 'RESULT']);
  });
});
