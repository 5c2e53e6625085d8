import { CITY_CODE, DISTRICTS, type Jurisdiction } from '@pgov/reference-data';
import { missesTarget } from './alerts';
import { INDICATOR_CODES, type IndicatorDirection, type IndicatorUnit } from './catalogue';
import type { PeriodKind } from './periods';
import { previousPeriod } from './periods';
import type { IndicatorReport, OverdueItem, ReportLine, Trend } from './report';

export interface CatalogueEntry {
  code: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  scope: 'NATIONAL' | 'REGIONAL';
  target: number | null;
}

export interface StoredValue {
  indicatorCode: string;
  districtCode: string;
  period: string;
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface ReportInputs {
  jurisdiction: Jurisdiction;
  periodKind: PeriodKind;
  period: string;
  catalogue: readonly CatalogueEntry[];
  /** Values of every district and the city, for the period and the one before. */
  values: readonly StoredValue[];
  overdue: readonly OverdueItem[];
  generatedAt: Date;
}

/** Equal within rounding (sums of fractional days). */
const EPSILON = 1e-9;

export function trendOf(previous: number | null, current: number | null): Trend | null {
  if (previous === null || current === null) return null;
  if (Math.abs(current - previous) <= EPSILON) return 'FLAT';
  return current > previous ? 'UP' : 'DOWN';
}

/** Standard competition ranking (1, 2, 2, 4) of the districts with a value, best first by the direction. */
export function rankOf(direction: IndicatorDirection, values: readonly (number | null)[], own: number | null): number | null {
  if (own === null) return null;
  const better = values.filter((v) => v !== null && (direction === 'HIGHER_IS_BETTER' ? v > own + EPSILON : v < own - EPSILON));
  return better.length + 1;
}

/** The report of a jurisdiction and period from the stored values (pure: the service loads, this decides). */
export function assembleReport(input: ReportInputs): IndicatorReport {
  const previous = previousPeriod(input.periodKind, input.period);
  const byKey = new Map(input.values.map((v) => [`${v.indicatorCode}|${v.districtCode}|${v.period}`, v]));
  const at = (code: string, district: string, period: string) => byKey.get(`${code}|${district}|${period}`);
  const isCity = input.jurisdiction.code === CITY_CODE;

  // In the catalogue's own order (DOMAIN.md §4: clues, recommendations, petitions, hearings, grids).
  const order = (code: string) => {
    const i = (INDICATOR_CODES as readonly string[]).indexOf(code);
    return i < 0 ? INDICATOR_CODES.length : i;
  };
  const catalogue = [...input.catalogue].sort((a, b) => order(a.code) - order(b.code) || (a.code < b.code ? -1 : 1));
  const lines: ReportLine[] = catalogue.map((entry) => {
    const own = at(entry.code, input.jurisdiction.code, input.period);
    const value = own?.value ?? null;
    const previousValue = at(entry.code, input.jurisdiction.code, previous)?.value ?? null;
    const districtValues = DISTRICTS.map((d) => ({ districtCode: d.code, districtName: d.name, value: at(entry.code, d.code, input.period)?.value ?? null }));
    const trend = trendOf(previousValue, value);
    const improved = trend === null || trend === 'FLAT' ? null : (trend === 'UP') === (entry.direction === 'HIGHER_IS_BETTER');
    return {
      code: entry.code,
      name: entry.name,
      description: entry.description,
      unit: entry.unit,
      direction: entry.direction,
      scope: entry.scope,
      target: entry.target,
      value,
      numerator: own?.numerator ?? 0,
      denominator: own?.denominator ?? 0,
      previousValue,
      trend,
      improved,
      meetsTarget: entry.target === null || value === null ? null : !missesTarget(entry.direction, entry.target, value),
      rank: isCity ? null : rankOf(entry.direction, districtValues.map((d) => d.value), value),
      rankedAmong: districtValues.filter((d) => d.value !== null).length,
      districtValues,
    };
  });

  return {
    jurisdiction: { code: input.jurisdiction.code, name: input.jurisdiction.name },
    periodKind: input.periodKind,
    period: input.period,
    previousPeriod: previous,
    generatedAt: input.generatedAt.toISOString(),
    lines,
    overdue: [...input.overdue].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.reference < b.reference ? -1 : 1)),
  };
}
