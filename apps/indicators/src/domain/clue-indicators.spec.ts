import { CLUE_COUNT_INDICATORS, countsClue } from './clue-indicators';

const byCode = (code: string) => CLUE_COUNT_INDICATORS.find((i) => i.code === code)!;

describe('clue count indicators', () => {
  it('counts grid reports as clues from grids, whatever the category', () => {
    expect(countsClue(byCode('CLUES_FROM_GRIDS'), { source: 'GRID_REPORT', category: 'CRIMINAL' })).toBe(true);
    expect(countsClue(byCode('CLUES_FROM_GRIDS'), { source: 'HOTLINE_12309', category: 'CRIMINAL' })).toBe(false);
  });

  it('counts only public-interest grid reports as referrals', () => {
    const referrals = byCode('GRID_PUBLIC_INTEREST_REFERRALS');
    expect(countsClue(referrals, { source: 'GRID_REPORT', category: 'PUBLIC_INTEREST_ECOLOGY' })).toBe(true);
    expect(countsClue(referrals, { source: 'GRID_REPORT', category: 'CIVIL' })).toBe(false);
    expect(countsClue(referrals, { source: 'PETITION', category: 'PUBLIC_INTEREST_LAND' })).toBe(false);
  });
});
