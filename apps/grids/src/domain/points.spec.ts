import { creditForSubmittedClue } from './points';

const rules = { clueReported: 2 };

describe('creditForSubmittedClue', () => {
  it('credits the reporter of a grid report', () => {
    expect(creditForSubmittedClue({ clueId: 'c', source: 'GRID_REPORT', reporterMemberId: 'm' }, rules)).toEqual({
      memberId: 'm',
      points: 2,
      reason: 'CLUE_REPORTED',
    });
  });

  it('credits nobody for anonymous clues, other sources or a zero amount', () => {
    expect(creditForSubmittedClue({ clueId: 'c', source: 'GRID_REPORT', reporterMemberId: null }, rules)).toBeNull();
    expect(creditForSubmittedClue({ clueId: 'c', source: 'HOTLINE_12309', reporterMemberId: 'm' }, rules)).toBeNull();
    expect(creditForSubmittedClue({ clueId: 'c', source: 'GRID_REPORT', reporterMemberId: 'm' }, { clueReported: 0 })).toBeNull();
  });
});
