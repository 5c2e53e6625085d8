import { deltasBetween, type Contribution } from './contributions';

const accepted = (when: Date | string, numerator = 1): Contribution => ({ indicator: 'CLUE_ACCEPTANCE_RATE', districtCode: '610113', when, numerator, denominator: 1 });

describe('deltasBetween', () => {
  it('adds a new fact to its district and the city in month, quarter and year', () => {
    const deltas = deltasBetween([], [accepted(new Date('2026-11-20T02:00:00Z'))]);
    expect(deltas).toHaveLength(6);
    expect(deltas.map((d) => `${d.districtCode} ${d.periodKind} ${d.period} ${d.numerator}/${d.denominator}`).sort()).toEqual([
      '610100 MONTH 2026-11 1/1',
      '610100 QUARTER 2026-Q4 1/1',
      '610100 YEAR 2026 1/1',
      '610113 MONTH 2026-11 1/1',
      '610113 QUARTER 2026-Q4 1/1',
      '610113 YEAR 2026 1/1',
    ]);
  });

  it('moves a contribution between periods and leaves out what cancels', () => {
    // Decided in November, then (a corrected fact) in December: the quarter and year do not change.
    const deltas = deltasBetween([accepted(new Date('2026-11-20T02:00:00Z'))], [accepted(new Date('2026-12-02T02:00:00Z'))]);
    expect(deltas.map((d) => `${d.districtCode} ${d.period} ${d.numerator}/${d.denominator}`).sort()).toEqual([
      '610100 2026-11 -1/-1',
      '610100 2026-12 1/1',
      '610113 2026-11 -1/-1',
      '610113 2026-12 1/1',
    ]);
  });

  it('changes only the numerator when a rate flips', () => {
    const deltas = deltasBetween([accepted('2026-11-20', 0)], [accepted('2026-11-20', 1)]);
    expect(deltas.every((d) => d.numerator === 1 && d.denominator === 0)).toBe(true);
  });

  it('answers nothing for a fact that did not change, and sorts what it answers', () => {
    expect(deltasBetween([accepted('2026-11-20')], [accepted('2026-11-20')])).toEqual([]);
    const keys = deltasBetween([], [accepted('2026-11-20'), { ...accepted('2026-11-20'), indicator: 'CLUES_FROM_GRIDS', denominator: 0 }]).map(
      (d) => `${d.indicator}|${d.districtCode}|${d.periodKind}|${d.period}`,
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('counts a city-level fact once', () => {
    expect(deltasBetween([], [{ ...accepted('2026-11-20'), districtCode: '610100' }])).toHaveLength(3);
  });
});
