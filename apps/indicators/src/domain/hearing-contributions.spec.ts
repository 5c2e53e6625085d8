import { hearingContributions, type HearingFactState } from './hearing-contributions';

const hearing = (f: Partial<HearingFactState> = {}): HearingFactState => ({
  hearingId: 'h',
  petitionId: 'p',
  districtCode: '610113',
  heldAt: null,
  concludedAt: null,
  opinionAdopted: null,
  administrativeDisputeResolved: null,
  cancelledAt: null,
  ...f,
});
const HELD = new Date('2026-11-10T02:00:00Z');
const CONCLUDED = new Date('2026-12-01T02:00:00Z');
const summary = (f: HearingFactState | null) => hearingContributions(f).map((c) => `${c.indicator} ${(c.when as Date).toISOString()} ${c.numerator}/${c.denominator}`);

describe('hearingContributions', () => {
  it('counts nothing for a scheduled or cancelled hearing', () => {
    expect(summary(null)).toEqual([]);
    expect(summary(hearing())).toEqual([]);
    expect(summary(hearing({ cancelledAt: HELD }))).toEqual([]);
  });

  it('counts a held hearing in the month held', () => {
    expect(summary(hearing({ heldAt: HELD }))).toEqual([`PUBLIC_HEARINGS_HELD ${HELD.toISOString()} 1/0`]);
  });

  it('rates adoption and counts resolved administrative disputes in the month concluded', () => {
    expect(summary(hearing({ heldAt: HELD, concludedAt: CONCLUDED, opinionAdopted: true, administrativeDisputeResolved: true }))).toEqual([
      `PUBLIC_HEARINGS_HELD ${HELD.toISOString()} 1/0`,
      `HEARING_OPINION_ADOPTION_RATE ${CONCLUDED.toISOString()} 1/1`,
      `ADMIN_DISPUTES_RESOLVED_AT_HEARINGS ${CONCLUDED.toISOString()} 1/0`,
    ]);
    // Concluded before its held event arrived: the conclusion counts already.
    expect(summary(hearing({ concludedAt: CONCLUDED, opinionAdopted: false, administrativeDisputeResolved: false }))).toEqual([
      `HEARING_OPINION_ADOPTION_RATE ${CONCLUDED.toISOString()} 0/1`,
    ]);
  });
});
