import { balanceAfterAdjustment, creditForClue, validatePointsRule } from './points';

const clue = { clueId: 'c', districtCode: '610113', reporterMemberId: 'm' };

describe('creditForClue', () => {
  it('credits the reporter the amount for the reason, naming the clue and its district', () => {
    expect(creditForClue(clue, 'CLUE_ACCEPTED', 2)).toEqual({ memberId: 'm', clueId: 'c', clueDistrictCode: '610113', points: 2, reason: 'CLUE_ACCEPTED' });
    expect(creditForClue(clue, 'CLUE_CASE_OPENED', 5)?.points).toBe(5);
  });

  it('credits nobody for anonymous clues or a zero amount', () => {
    expect(creditForClue({ ...clue, reporterMemberId: null }, 'CLUE_ACCEPTED', 2)).toBeNull();
    expect(creditForClue(clue, 'CLUE_ACCEPTED', 0)).toBeNull();
  });
});

describe('validatePointsRule', () => {
  it('accepts an amount of a district for a clue reason', () => {
    expect(validatePointsRule({ districtCode: '610113', reason: 'CLUE_CASE_OPENED', points: 0 })).toEqual({ districtCode: '610113', reason: 'CLUE_CASE_OPENED', points: 0 });
  });

  it('names the bad field', () => {
    expect(() => validatePointsRule({ districtCode: '610100', reason: 'CLUE_ACCEPTED', points: 1 })).toThrow(/input.districtCode/);
    expect(() => validatePointsRule({ districtCode: '610113', reason: 'MANUAL_ADJUSTMENT', points: 1 })).toThrow(/input.reason/);
    expect(() => validatePointsRule({ districtCode: '610113', reason: 'CLUE_ACCEPTED', points: -1 })).toThrow(/input.points/);
    expect(() => validatePointsRule({ districtCode: '610113', reason: 'CLUE_ACCEPTED', points: 1001 })).toThrow(/input.points/);
  });
});

describe('balanceAfterAdjustment', () => {
  it('never goes below zero', () => {
    expect(balanceAfterAdjustment(5, -5)).toBe(0);
    expect(balanceAfterAdjustment(5, -6)).toBeNull();
    expect(balanceAfterAdjustment(0, 3)).toBe(3);
  });
});
