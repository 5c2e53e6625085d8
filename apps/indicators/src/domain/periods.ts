import { toChinaWallClock } from '@pgov/reference-data';

/** Calendar periods in China Standard Time (UTC+8): an event at 2026-12-31T17:00Z belongs to 2027-01. */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export type Periods = Record<PeriodKind, string>;

function periodsOfYearMonth(y: number, m: number): Periods {
  return { MONTH: `${y}-${String(m).padStart(2, '0')}`, QUARTER: `${y}-Q${Math.ceil(m / 3)}`, YEAR: String(y) };
}

export function periodsOf(at: Date): Periods {
  const local = toChinaWallClock(at);
  return periodsOfYearMonth(local.getUTCFullYear(), local.getUTCMonth() + 1);
}

/** The periods of a China calendar date 'YYYY-MM-DD'. */
export function periodsOfDate(date: string): Periods {
  return periodsOfYearMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

const PATTERNS: Record<PeriodKind, RegExp> = {
  MONTH: /^\d{4}-(0[1-9]|1[0-2])$/,
  QUARTER: /^\d{4}-Q[1-4]$/,
  YEAR: /^\d{4}$/,
};

export function isPeriod(kind: PeriodKind, period: string): boolean {
  return PATTERNS[kind].test(period);
}

/** The period before `period` (2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025). */
export function previousPeriod(kind: PeriodKind, period: string): string {
  const y = Number(period.slice(0, 4));
  if (kind === 'YEAR') return String(y - 1);
  if (kind === 'QUARTER') {
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
