import { CITY_CODE } from '@pgov/reference-data';
import type { IndicatorCode } from './catalogue';
import { periodsOf, periodsOfDate, type PeriodKind } from './periods';

/**
 * What one fact (a clue, a petition, a hearing...) adds to one indicator: `numerator` and
 * `denominator` in the district and periods of `when` (an instant, or a China calendar date
 * 'YYYY-MM-DD'). A count contributes 1 / 0, a rate 0 or 1 over 1, a mean its days over 1.
 */
export interface Contribution {
  indicator: IndicatorCode;
  districtCode: string;
  when: Date | string;
  numerator: number;
  denominator: number;
}

/** A change to one stored value: the sums to add to its numerator and denominator. */
export interface ValueDelta {
  indicator: IndicatorCode;
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
  numerator: number;
  denominator: number;
}

const KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER', 'YEAR'];

/** Stable key, also the order deltas are written in (one lock order for every writer: no deadlocks). */
export const valueKey = (d: Pick<ValueDelta, 'indicator' | 'districtCode' | 'periodKind' | 'period'>) =>
  `${d.indicator}|${d.districtCode}|${d.periodKind}|${d.period}`;

/**
 * The value changes that turn a fact's contributions `before` into `after`: per indicator,
 * jurisdiction (the district and the city) and period, what to add. Keys whose sums cancel out are
 * left out; the rest come sorted by key.
 */
export function deltasBetween(before: readonly Contribution[], after: readonly Contribution[]): ValueDelta[] {
  const sums = new Map<string, ValueDelta>();
  const add = (c: Contribution, sign: 1 | -1) => {
    const periods = typeof c.when === 'string' ? periodsOfDate(c.when) : periodsOf(c.when);
    for (const districtCode of c.districtCode === CITY_CODE ? [CITY_CODE] : [c.districtCode, CITY_CODE]) {
      for (const periodKind of KINDS) {
        const period = periods[periodKind];
        const key = valueKey({ indicator: c.indicator, districtCode, periodKind, period });
        const sum = sums.get(key) ?? { indicator: c.indicator, districtCode, periodKind, period, numerator: 0, denominator: 0 };
        sum.numerator += sign * c.numerator;
        sum.denominator += sign * c.denominator;
        sums.set(key, sum);
      }
    }
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...sums.entries()]
    .filter(([, d]) => d.numerator !== 0 || d.denominator !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

/** Deltas of the same value added up (zero sums left out), sorted by key: one write per value. */
export function sumDeltas(deltas: readonly ValueDelta[]): ValueDelta[] {
  const sums = new Map<string, ValueDelta>();
  for (const d of deltas) {
    const key = valueKey(d);
    const sum = sums.get(key);
    if (sum) {
      sum.numerator += d.numerator;
      sum.denominator += d.denominator;
    } else sums.set(key, { ...d });
  }
  return [...sums.entries()]
    .filter(([, d]) => d.numerator !== 0 || d.denominator !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}
