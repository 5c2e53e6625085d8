import { coveragePeriodsFor, spanChange, trainingContributions, type MemberFactState, type MemberPlacement } from './grid-contributions';

const at = new Date('2026-11-20T02:00:00Z');
const member = (p: Partial<MemberPlacement> = {}): MemberPlacement => ({
  memberId: 'm',
  districtCode: '610113',
  gridCode: 'G1',
  status: 'ACTIVE',
  informantRoles: ['INFORMATION_OFFICER'],
  ...p,
});
const kept = (f: Partial<MemberFactState> = {}): MemberFactState => ({
  memberId: 'm',
  districtCode: '610113',
  gridCode: 'G1',
  informant: true,
  changedAt: new Date('2026-11-01T00:00:00Z'),
  ...f,
});
const ops = (c: ReturnType<typeof spanChange>) => c && `${c.close ? 'close' : ''}${c.close && c.open ? '+' : ''}${c.open ? 'open' : ''}`;

describe('trainingContributions', () => {
  it('counts one attendance in the member district on the training date', () => {
    expect(trainingContributions({ memberId: 'm', trainingId: 't', districtCode: '610113', heldOn: '2026-11-30' })).toEqual([
      { indicator: 'MEMBERS_TRAINED', districtCode: '610113', when: '2026-11-30', numerator: 1, denominator: 0 },
    ]);
    expect(trainingContributions(null)).toEqual([]);
  });
});

describe('spanChange', () => {
  it('opens a span for a new active information officer only', () => {
    expect(ops(spanChange(null, member(), at))).toBe('open');
    expect(ops(spanChange(null, member({ informantRoles: ['PUBLICIST'] }), at))).toBe('');
    expect(ops(spanChange(null, member({ status: 'SUSPENDED' }), at))).toBe('');
  });

  it('closes the span when the role is withdrawn or the member is suspended or retired', () => {
    expect(ops(spanChange(kept(), member({ informantRoles: [] }), at))).toBe('close');
    expect(ops(spanChange(kept(), member({ status: 'SUSPENDED' }), at))).toBe('close');
    expect(ops(spanChange(kept(), member({ status: 'RETIRED' }), at))).toBe('close');
  });

  it('moves the span with an information officer who changes grid, and nothing else moves', () => {
    const moved = spanChange(kept(), member({ gridCode: 'G2' }), at);
    expect(ops(moved)).toBe('close+open');
    expect(moved!.after).toEqual({ memberId: 'm', districtCode: '610113', gridCode: 'G2', informant: true, changedAt: at });
    expect(ops(spanChange(kept(), member(), at))).toBe('');
    expect(ops(spanChange(kept({ informant: false }), member({ gridCode: 'G2', informantRoles: [] }), at))).toBe('');
  });

  it('ignores a snapshot older than the one kept', () => {
    expect(spanChange(kept({ changedAt: new Date('2026-12-01T00:00:00Z') }), member({ informantRoles: [] }), at)).toBeNull();
  });
});

describe('coveragePeriodsFor', () => {
  it("takes the change's month, quarter and year at their ends (midnight in China)", () => {
    // 31 Dec 17:00 UTC is 1 Jan in China.
    const periods = coveragePeriodsFor(new Date('2026-12-31T17:00:00Z'), []);
    expect(periods.map((p) => `${p.periodKind} ${p.period} ${p.end.toISOString()}`)).toEqual([
      'MONTH 2027-01 2027-01-31T16:00:00.000Z',
      'QUARTER 2027-Q1 2027-03-31T16:00:00.000Z',
      'YEAR 2027 2027-12-31T16:00:00.000Z',
    ]);
  });

  it('adds valued periods that end after the change, not those that end before', () => {
    const valued = [
      { periodKind: 'MONTH' as const, period: '2026-10' },
      { periodKind: 'MONTH' as const, period: '2026-11' },
      { periodKind: 'MONTH' as const, period: '2026-12' },
      { periodKind: 'QUARTER' as const, period: '2027-Q1' },
    ];
    expect(coveragePeriodsFor(at, valued).map((p) => p.period)).toEqual(['2026-11', '2026-Q4', '2026', '2026-12', '2027-Q1']);
  });
});
