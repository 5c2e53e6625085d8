import { majorityOpinion, type HearingOpinion } from './hearing-majority';

const votes = (support: number, oppose: number, abstain: number): HearingOpinion[] => [
  ...Array<HearingOpinion>(support).fill('SUPPORT'),
  ...Array<HearingOpinion>(oppose).fill('OPPOSE'),
  ...Array<HearingOpinion>(abstain).fill('ABSTAIN'),
];

describe('majorityOpinion', () => {
  it.each([
    [3, 2, 0, 'SUPPORT'],
    [2, 3, 0, 'OPPOSE'],
    [5, 0, 0, 'SUPPORT'],
    [2, 1, 0, 'SUPPORT'],
    // A plurality is enough: strictly more votes than each other opinion.
    [3, 2, 2, 'SUPPORT'],
    [1, 2, 0, 'OPPOSE'],
    [1, 1, 3, 'ABSTAIN'],
  ] as const)('%i support, %i oppose, %i abstain → %s', (s, o, a, expected) => {
    expect(majorityOpinion(votes(s, o, a))).toBe(expected);
  });

  it.each([
    [2, 2, 1],
    [3, 3, 1],
    [1, 1, 1],
    [2, 0, 2],
    [0, 2, 2],
    [3, 3, 0],
  ])('a tie (%i support, %i oppose, %i abstain) is ABSTAIN', (s, o, a) => {
    expect(majorityOpinion(votes(s, o, a))).toBe('ABSTAIN');
  });

  it('does not depend on the order of the opinions', () => {
    expect(majorityOpinion(['OPPOSE', 'SUPPORT', 'SUPPORT', 'OPPOSE', 'SUPPORT'])).toBe('SUPPORT');
  });

  it('decides nothing for no opinions', () => {
    expect(majorityOpinion([])).toBe('ABSTAIN');
  });
});
