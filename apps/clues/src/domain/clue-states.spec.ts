import { CLUE_STATUSES, IllegalTransition, nextStatus, ReasonRequired, type ClueAction, type ClueStatus } from './clue-states';

// Every action, kept complete by the compiler: a new ClueAction must be listed here.
const EVERY_ACTION = { ACCEPT: true, REJECT: true, ASSIGN: true, TRANSFER: true, OPEN_CASE: true, CLOSE_NO_ACTION: true } satisfies Record<ClueAction, true>;
const CLUE_ACTIONS = Object.keys(EVERY_ACTION) as ClueAction[];

const LEGAL: [ClueStatus, ClueAction, ClueStatus][] = [
  ['SUBMITTED', 'ACCEPT', 'ACCEPTED'],
  ['SUBMITTED', 'REJECT', 'REJECTED'],
  ['ACCEPTED', 'ASSIGN', 'ASSIGNED'],
  ['TRANSFERRED', 'ASSIGN', 'ASSIGNED'],
  ['ASSIGNED', 'TRANSFER', 'TRANSFERRED'],
  ['ASSIGNED', 'OPEN_CASE', 'CASE_OPENED'],
  ['ASSIGNED', 'CLOSE_NO_ACTION', 'CLOSED_NO_ACTION'],
];

describe('clue states', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action, 'because')).toBe(to);
  });

  const illegal = CLUE_STATUSES.flatMap((from) =>
    CLUE_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it.each(illegal)('refuses %s --%s-->', (from, action) => {
    expect(() => nextStatus(from, action, 'because')).toThrow(IllegalTransition);
  });

  it('covers every status × action pair exactly once between the two tables', () => {
    expect(LEGAL.length + illegal.length).toBe(CLUE_STATUSES.length * CLUE_ACTIONS.length);
  });

  it.each(['REJECT', 'TRANSFER', 'CLOSE_NO_ACTION'] as const)('%s needs a reason', (action) => {
    const from = LEGAL.find(([, a]) => a === action)![0];
    expect(() => nextStatus(from, action, '  ')).toThrow(ReasonRequired);
    expect(() => nextStatus(from, action, null)).toThrow(ReasonRequired);
  });
});
