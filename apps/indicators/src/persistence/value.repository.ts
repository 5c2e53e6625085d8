import type { Prisma } from '../generated/prisma/client';
import type { IndicatorDirection, IndicatorUnit } from '../domain/catalogue';
import type { ValueDelta } from '../domain/contributions';
import type { PeriodKind } from '../domain/periods';

type Tx = Prisma.TransactionClient;

/** A stored value after a change, with what it was before (for crossing its target). */
export interface ChangedValue {
  indicatorCode: string;
  indicatorName: string;
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  target: number | null;
  numerator: number;
  denominator: number;
  value: number | null;
  previousValue: number | null;
}

/** The value's formula in SQL (the same as valueOf in the domain). */
const VALUE = (num: string, den: string) => `CASE WHEN i.unit = 'COUNT' THEN (${num}) WHEN (${den}) = 0 THEN NULL ELSE (${num}) / (${den}) END`;

/** The rows to write, as a CTE `d` of parallel arrays ($1..$6), numbered in the order given. */
const ROWS = `d AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])
           WITH ORDINALITY AS d(indicator_code, district_code, period_kind, period, numerator, denominator, n)
       )`;

/** Inserts `d` in its order (one lock order for every writer), the value computed by the indicator's unit. */
const INSERT_ROWS = `INSERT INTO indicator_value AS v (indicator_code, district_code, period_kind, period, numerator, denominator, value, updated_at)
         SELECT d.indicator_code, d.district_code, d.period_kind::"PeriodKind", d.period, d.numerator, d.denominator,
                ${VALUE('d.numerator', 'd.denominator')}, now()
         FROM d JOIN indicator i ON i.code = d.indicator_code
         ORDER BY d.n`;

/** What a written row `w` answers with its indicator `i` (ChangedValue without previousValue). */
const CHANGED_COLUMNS = `w.indicator_code AS "indicatorCode", i.name AS "indicatorName", w.district_code AS "districtCode",
              w.period_kind::text AS "periodKind", w.period, i.unit::text AS unit, i.direction::text AS direction, i.target,
              w.numerator, w.denominator, w.value`;

type Row = { indicator: string; districtCode: string; periodKind: PeriodKind; period: string; numerator: number; denominator: number };
const columns = (rows: readonly Row[]) => [
  rows.map((d) => d.indicator),
  rows.map((d) => d.districtCode),
  rows.map((d) => d.periodKind),
  rows.map((d) => d.period),
  rows.map((d) => d.numerator),
  rows.map((d) => d.denominator),
];

export const valueRepository = {
  /**
   * Adds the deltas to their values in one statement, creating the rows that do not exist yet, in
   * the deltas' order (sorted: every writer locks rows in the same order, so two consumers never
   * deadlock over the city's rows). Answers each changed row with its value before and after.
   */
  async applyDeltas(tx: Tx, deltas: readonly ValueDelta[]): Promise<ChangedValue[]> {
    if (deltas.length === 0) return [];
    return tx.$queryRawUnsafe<ChangedValue[]>(
      `WITH ${ROWS}, written AS (
         ${INSERT_ROWS}
         ON CONFLICT (indicator_code, district_code, period_kind, period) DO UPDATE SET
           numerator = v.numerator + EXCLUDED.numerator,
           denominator = v.denominator + EXCLUDED.denominator,
           value = (SELECT ${VALUE('v.numerator + EXCLUDED.numerator', 'v.denominator + EXCLUDED.denominator')} FROM indicator i WHERE i.code = v.indicator_code),
           updated_at = now()
         RETURNING v.indicator_code, v.district_code, v.period_kind, v.period, v.numerator, v.denominator, v.value
       )
       SELECT ${CHANGED_COLUMNS},
              ${VALUE('(w.numerator - d.numerator)', '(w.denominator - d.denominator)')} AS "previousValue"
       FROM written w
       JOIN d ON d.indicator_code = w.indicator_code AND d.district_code = w.district_code
             AND d.period_kind = w.period_kind::text AND d.period = w.period
       JOIN indicator i ON i.code = w.indicator_code`,
      ...columns(deltas),
    );
  },

  /**
   * Sets values outright (an indicator of a state, such as coverage, recomputed after a change),
   * in the order given (sort it). Answers each with its value before and after.
   */
  async setValues(tx: Tx, values: readonly Row[]): Promise<ChangedValue[]> {
    if (values.length === 0) return [];
    return tx.$queryRawUnsafe<ChangedValue[]>(
      `WITH ${ROWS}, before AS (
         SELECT v.indicator_code, v.district_code, v.period_kind::text AS period_kind, v.period, v.value
         FROM indicator_value v JOIN d ON d.indicator_code = v.indicator_code AND d.district_code = v.district_code
          AND d.period_kind = v.period_kind::text AND d.period = v.period
         FOR UPDATE OF v
       ), written AS (
         ${INSERT_ROWS}
         ON CONFLICT (indicator_code, district_code, period_kind, period) DO UPDATE SET
           numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, value = EXCLUDED.value, updated_at = now()
         RETURNING v.indicator_code, v.district_code, v.period_kind, v.period, v.numerator, v.denominator, v.value
       )
       SELECT ${CHANGED_COLUMNS}, b.value AS "previousValue"
       FROM written w
       JOIN indicator i ON i.code = w.indicator_code
       LEFT JOIN before b ON b.indicator_code = w.indicator_code AND b.district_code = w.district_code
             AND b.period_kind = w.period_kind::text AND b.period = w.period`,
      ...columns(values),
    );
  },

  /** Records the alert unless one was raised already for this value's key; true when it is new. */
  async recordAlert(tx: Tx, v: ChangedValue, at: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO indicator_alert (indicator_code, district_code, period_kind, period, value, target, raised_at)
      VALUES (${v.indicatorCode}, ${v.districtCode}, ${v.periodKind}::"PeriodKind", ${v.period}, ${v.value}, ${v.target}, ${at})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  },
};
