import { Conflict } from '@pgov/errors';
import { HEARING_ACTIONS, HEARING_STATUSES, IllegalHearingTransition, nextHearingStatus, panelCounts, type HearingAction, type HearingStatus } from './hearing-states';

const LEGAL: [HearingStatus, HearingAction, HearingStatus][] = [
  ['SCHEDULED', 'HOLD', 'HELD'],
  ['SCHEDULED', 'CANCEL', 'CANCELLED'],
  ['HELD', 'RECORD_OPINION', 'HELD'],
  ['HELD', 'CONCLUDE', 'CONCLUDED'],
];

describe('hearing states', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextHearingStatus(from, action)).toBe(to);
  });

  const illegal = HEARING_STATUSES.flatMap((from) =>
    HEARING_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it.each(illegal)('refuses %s --%s--> as a CONFLICT naming the status', (from, action) => {
    let error: unknown;
    try {
      nextHearingStatus(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalHearingTransition);
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Conflict).message).toContain(`a ${from} hearing`);
    expect((error as Conflict).details).toEqual({ status: from, action });
  });

  it('covers every status × action pair exactly once between the two tables', () => {
    expect(LEGAL.length + illegal.length).toBe(HEARING_STATUSES.length * HEARING_ACTIONS.length);
    expect(illegal).toHaveLength(12);
  });

  it('lets only cancelled hearings free their officers', () => {
    expect(HEARING_STATUSES.filter((s) => !panelCounts(s))).toEqual(['CANCELLED']);
  });
});
