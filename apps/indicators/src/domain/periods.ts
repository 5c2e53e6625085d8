import { toChinaWallClock } from '@pgov/reference-data';

/** Calendar periods in China Standard Time (UTC+8): an event at 2026-12-31T17:00Z belongs to 2027-01. */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export interface Periods {
  month: string;
  quarter: string;
  year: string;
}

export function periodsOf(at: Date): Periods {
  const local = toChinaWallClock(at);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  return { month: `${y}-${String(m).padStart(2, '0')}`, quarter: `${y}-Q${Math.ceil(m / 3)}`, year: String(y) };
}

const PATTERNS: Record<PeriodKind, RegExp> = {
  MONTH: /^\d{4}-(0[1-9]|1[0-2])$/,
  QUARTER: /^\d{4}-Q[1-4]$/,
  YEAR: /^\d{4}$/,
};

export function isPeriod(kind: PeriodKind, period: string): boolean {
  return PATTERNS[kind].test(period);
}
