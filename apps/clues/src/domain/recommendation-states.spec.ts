import {
  IllegalRecommendationTransition,
  nextRecommendationStatus,
  RECOMMENDATION_STATUSES,
  type RecommendationAction,
  type RecommendationStatus,
} from './recommendation-states';

// Every action, kept complete by the compiler: a new RecommendationAction must be listed here.
const EVERY_ACTION = { MARK_OVERDUE: true, REPLY: true, CHECK_RECTIFIED: true, CHECK_NOT_RECTIFIED: true, ESCALATE: true } satisfies Record<RecommendationAction, true>;
const RECOMMENDATION_ACTIONS = Object.keys(EVERY_ACTION) as RecommendationAction[];

const LEGAL: [RecommendationStatus, RecommendationAction, RecommendationStatus][] = [
  ['ISSUED', 'MARK_OVERDUE', 'OVERDUE'],
  ['ISSUED', 'REPLY', 'REPLIED'],
  ['OVERDUE', 'REPLY', 'REPLIED'],
  ['REPLIED', 'CHECK_RECTIFIED', 'RECTIFIED'],
  ['REPLIED', 'CHECK_NOT_RECTIFIED', 'NOT_RECTIFIED'],
  ['NOT_RECTIFIED', 'ESCALATE', 'ESCALATED'],
];

describe('recommendation states', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextRecommendationStatus(from, action)).toBe(to);
  });

  const illegal = RECOMMENDATION_STATUSES.flatMap((from) =>
    RECOMMENDATION_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it.each(illegal)('refuses %s --%s--> as a CONFLICT naming the status', (from, action) => {
    let error: unknown;
    try {
      nextRecommendationStatus(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalRecommendationTransition);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { from, action } });
    expect((error as Error).message).toContain(from);
  });

  it('covers every status × action pair exactly once between the two tables', () => {
    expect(LEGAL.length + illegal.length).toBe(RECOMMENDATION_STATUSES.length * RECOMMENDATION_ACTIONS.length);
  });

  it('has terminal states: RECTIFIED and ESCALATED go nowhere', () => {
    for (const status of ['RECTIFIED', 'ESCALATED'] as const) {
      for (const action of RECOMMENDATION_ACTIONS) expect(() => nextRecommendationStatus(status, action)).toThrow(IllegalRecommendationTransition);
    }
  });
});
