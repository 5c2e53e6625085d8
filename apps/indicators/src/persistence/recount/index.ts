import { CITY_CODE } from '@pgov/reference-data';
import { INDICATOR_CODES, type IndicatorCode } from '../../domain/catalogue';
import type { PeriodKind } from '../../domain/periods';
import type { IndicatorsDb } from '../prisma';
import { clueRecounts } from './clue.recount';
import { gridRecounts } from './grid.recount';
import { hearingRecounts } from './hearing.recount';
import { petitionRecounts } from './petition.recount';
import { recommendationRecounts } from './recommendation.recount';
import type { RecountQueries } from './recount-query';

/** Every indicator's recount. */
export const RECOUNTS: RecountQueries = { ...clueRecounts, ...recommendationRecounts, ...petitionRecounts, ...hearingRecounts, ...gridRecounts };

export interface CountedValue {
  indicatorCode: string;
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
  numerator: number;
  denominator: number;
}

const keyOf = (v: CountedValue) => `${v.indicatorCode}|${v.districtCode}|${v.periodKind}|${v.period}`;

/** One indicator recounted from the facts: its districts' values and the city's (their sums). */
export async function recountIndicator(db: IndicatorsDb, code: IndicatorCode): Promise<CountedValue[]> {
  const sql = RECOUNTS[code];
  if (!sql) throw new Error(`no recount for ${code}`);
  const rows = await db.$queryRawUnsafe<{ d: string; k: string; p: string; n: number; den: number }[]>(
    `SELECT d::text AS d, k::text AS k, p::text AS p, n::float8 AS n, den::float8 AS den FROM (${sql}) AS x(d, k, p, n, den)`,
  );
  const districts: CountedValue[] = rows.map((r) => ({
    indicatorCode: code,
    districtCode: r.d,
    periodKind: r.k as PeriodKind,
    period: r.p,
    numerator: Number(r.n),
    denominator: Number(r.den),
  }));
  const city = new Map<string, CountedValue>();
  for (const v of districts) {
    const c = { ...v, districtCode: CITY_CODE };
    const prior = city.get(keyOf(c));
    if (prior) {
      prior.numerator += v.numerator;
      prior.denominator += v.denominator;
    } else city.set(keyOf(c), c);
  }
  return [...districts, ...city.values()];
}

export interface RecountComparison {
  /** Values compared (stored or recounted). */
  compared: number;
  /** Values whose stored numerator or denominator differs from the recount (or that only one side has). */
  mismatches: { key: string; stored: CountedValue | null; recounted: CountedValue | null }[];
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const empty = (v: CountedValue | null | undefined) => !v || (same(v.numerator, 0) && same(v.denominator, 0));

/**
 * Compares every stored value with its recount from the facts (all indicators, or `codes`). A
 * stored 0 / 0 (a contribution that moved elsewhere) equals no value at all.
 */
export async function compareWithRecount(db: IndicatorsDb, codes: readonly IndicatorCode[] = INDICATOR_CODES): Promise<RecountComparison> {
  const recounted = new Map<string, CountedValue>();
  for (const code of codes) for (const v of await recountIndicator(db, code)) recounted.set(keyOf(v), v);
  const storedRows = await db.indicatorValue.findMany({ where: { indicatorCode: { in: [...codes] } } });
  const stored = new Map<string, CountedValue>(
    storedRows.map((r) => {
      const v: CountedValue = { indicatorCode: r.indicatorCode, districtCode: r.districtCode, periodKind: r.periodKind, period: r.period, numerator: r.numerator, denominator: r.denominator };
      return [keyOf(v), v];
    }),
  );
  const mismatches: RecountComparison['mismatches'] = [];
  for (const key of new Set([...recounted.keys(), ...stored.keys()])) {
    const s = stored.get(key) ?? null;
    const r = recounted.get(key) ?? null;
    if (empty(s) && empty(r)) continue;
    if (!s || !r || !same(s.numerator, r.numerator) || !same(s.denominator, r.denominator)) mismatches.push({ key, stored: s, recounted: r });
  }
  return { compared: new Set([...recounted.keys(), ...stored.keys()]).size, mismatches };
}
