import { clueFromGridCentreReferral, clueFromPetitionReferral, RefusedEvent } from './referral';

const gridReferral = {
  referralId: 'YT-2026-0042',
  centreCode: 'YT-ZZZX',
  districtCode: '610113',
  gridCode: '610113-002-003-01',
  category: 'PUBLIC_INTEREST_ECOLOGY' as const,
  title: '小区旁河道发黑发臭',
  description: '群众反映河道长期发黑发臭，疑有企业偷排。',
  location: '雁塔区某小区东侧',
  referredAt: '2026-11-26T08:00:00+08:00',
};

describe('clues from referrals', () => {
  it('turns a petition referral into a PETITION clue with no informant, one per referral', () => {
    const clue = clueFromPetitionReferral({
      referralId: '6a1f1c1e-3c53-4f3e-9a55-0d7d4b0b6a11',
      petitionId: '0e9c5d2b-0d9f-4e64-8a59-7c0a1b2c3d4e',
      districtCode: '610112',
      clueCategory: 'ADMINISTRATIVE',
      title: '征收补偿争议',
      description: '来信反映征收补偿程序违法。',
      referredBy: 'clerk-1',
      referredAt: '2026-11-26T08:00:00+08:00',
    });
    expect(clue).toMatchObject({
      originRef: 'petition-referral:6a1f1c1e-3c53-4f3e-9a55-0d7d4b0b6a11',
      source: 'PETITION',
      category: 'ADMINISTRATIVE',
      districtCode: '610112',
      reporterMemberId: null,
      submittedBy: 'event:petitions',
    });
  });

  it('turns a grid-centre referral into a GRID_CENTRE_REFERRAL clue submitted by the partner', () => {
    expect(clueFromGridCentreReferral(gridReferral)).toMatchObject({
      originRef: 'grid-centre:YT-2026-0042',
      source: 'GRID_CENTRE_REFERRAL',
      gridCode: '610113-002-003-01',
      location: '雁塔区某小区东侧',
      submittedBy: 'partner:YT-ZZZX',
    });
    expect(clueFromGridCentreReferral({ ...gridReferral, gridCode: null }).gridCode).toBeNull();
  });

  it('refuses a district outside the city and a grid of another district, saying why', () => {
    expect(() => clueFromGridCentreReferral({ ...gridReferral, districtCode: '610199', gridCode: null })).toThrow(
      new RefusedEvent('grid-centre referral YT-2026-0042 from YT-ZZZX: district 610199 is not one of the 13 districts of the city'),
    );
    expect(() => clueFromGridCentreReferral({ ...gridReferral, gridCode: '610102-001-01' })).toThrow(/grid 610102-001-01 is not a grid of district 610113/);
    expect(() => clueFromGridCentreReferral({ ...gridReferral, title: '  ' })).toThrow(/title is blank/);
  });
});
