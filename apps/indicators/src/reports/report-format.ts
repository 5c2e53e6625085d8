import { addDays, CITY, CITY_CODE, DISTRICTS, periodDates, toChinaWallClock } from '@pgov/reference-data';
import type { IndicatorDirection, IndicatorUnit } from '../domain/catalogue';
import type { PeriodKind } from '../domain/periods';
import type { OverdueKind, Trend } from '../domain/report';

/**
 * Wording and number formats shared by the CSV and HTML renderings of a report, so the two never
 * disagree on what a unit, a trend or an overdue kind is called.
 */

export const UNIT_LABELS: Record<IndicatorUnit, string> = { COUNT: '数量', RATE: '比率', DAYS: '天数' };
export const DIRECTION_LABELS: Record<IndicatorDirection, string> = { HIGHER_IS_BETTER: '越高越好', LOWER_IS_BETTER: '越低越好' };
export const TREND_LABELS: Record<Trend, string> = { UP: '上升', DOWN: '下降', FLAT: '持平' };
export const OVERDUE_KIND_LABELS: Record<OverdueKind, string> = {
  RECOMMENDATION_REPLY: '检察建议回复',
  PETITION_PROCEDURAL_REPLY: '群众来信程序性回复',
  PETITION_RESULT_REPLY: '群众来信办理结果答复',
};

const QUARTERS = ['一', '二', '三', '四'];

/** '2026-Q4' → '2026年第四季度', '2026-11' → '2026年11月', '2026' → '2026年度'. */
export function periodLabel(kind: PeriodKind, period: string): string {
  const year = period.slice(0, 4);
  if (kind === 'YEAR') return `${year}年度`;
  if (kind === 'QUARTER') return `${year}年第${QUARTERS[Number(period.slice(6)) - 1] ?? '?'}季度`;
  return `${year}年${Number(period.slice(5, 7))}月`;
}

/** '2026-10-01 至 2026-12-31', or '' for a malformed period (the label alone is then shown). */
export function periodRange(kind: PeriodKind, period: string): string {
  const dates = periodDates(kind, period);
  return dates ? `${dates.from} 至 ${addDays(dates.until, -1)}` : '';
}

/** A district's name with the city before it ('西安市雁塔区'); the city's own name alone. */
export function jurisdictionTitle(code: string, name: string): string {
  return code === CITY_CODE ? name : `${CITY.name}${name}`;
}

export function districtName(code: string): string {
  return DISTRICTS.find((d) => d.code === code)?.name ?? code;
}

/** Display form: counts as integers, rates as a percent with one decimal, days with one decimal. */
export function displayValue(unit: IndicatorUnit, value: number | null): string {
  if (value === null) return '—';
  if (unit === 'RATE') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'DAYS') return `${value.toFixed(1)} 天`;
  return Math.round(value).toLocaleString('en-US');
}

/** Machine form for CSV: rates as fractions with 4 decimals, days with 1, counts as integers; '' for none. */
export function plainValue(unit: IndicatorUnit, value: number | null): string {
  if (value === null) return '';
  if (unit === 'RATE') return value.toFixed(4);
  if (unit === 'DAYS') return value.toFixed(1);
  return String(Math.round(value));
}

/** A numerator or denominator: integers as they are, sums of days to 4 decimals without trailing zeros. */
export function plainNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/** 'YYYY-MM-DD HH:mm' in China time (UTC+8) of an ISO instant, whatever the server's zone. */
export function chinaDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return toChinaWallClock(new Date(t)).toISOString().slice(0, 16).replace('T', ' ');
}
