import { CITY_CODE } from '@pgov/reference-data';
import type { Prisma } from '../generated/prisma/client';
import { COVERAGE, type CoveragePeriod, type MemberFactState, type TrainingAttendance } from '../domain/grid-contributions';
import type { PeriodKind } from '../domain/periods';

type Tx = Prisma.TransactionClient;

/** Key space of the advisory lock on coverage ('grid' in ASCII), apart from every other advisory lock. */
const COVERAGE_LOCK = 0x67726964;

export interface CoverageValue {
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
  numerator: number;
  denominator: number;
}

/** grid_fact, member_fact, informant_span and training_attendance_fact. */
export const gridFactRepository = {
  /**
   * One coverage writer at a time: coverage is recomputed from every grid and span, so two events
   * recomputing it concurrently would each miss the other's change (the second to commit would
   * overwrite the value with one lacking the first's). Held until the transaction ends.
   */
  async lockCoverage(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${COVERAGE_LOCK}::int, 0)`;
  },

  /** A new grid; false when it is known already (a grid code is never reused). */
  async createGrid(tx: Tx, gridCode: string, districtCode: string, at: Date): Promise<boolean> {
    const n = await tx.$executeRaw`
      INSERT INTO grid_fact (grid_code, district_code, created_at) VALUES (${gridCode}, ${districtCode}, ${at}) ON CONFLICT (grid_code) DO NOTHING`;
    return n === 1;
  },

  /** Retires a known grid; false when it is unknown or retired already. */
  async retireGrid(tx: Tx, gridCode: string, at: Date): Promise<boolean> {
    const n = await tx.$executeRaw`UPDATE grid_fact SET retired_at = ${at} WHERE grid_code = ${gridCode} AND retired_at IS NULL`;
    return n === 1;
  },

  /** The member's fact locked for this transaction, or null before their first event. */
  async lockMember(tx: Tx, memberId: string): Promise<MemberFactState | null> {
    const [row] = await tx.$queryRaw<MemberFactState[]>`
      SELECT member_id::text AS "memberId", district_code AS "districtCode", grid_code AS "gridCode", informant, changed_at AS "changedAt"
      FROM member_fact WHERE member_id = ${memberId}::uuid FOR UPDATE`;
    return row ?? null;
  },

  async saveMember(tx: Tx, m: MemberFactState): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO member_fact (member_id, district_code, grid_code, informant, changed_at)
      VALUES (${m.memberId}::uuid, ${m.districtCode}, ${m.gridCode}, ${m.informant}, ${m.changedAt})
      ON CONFLICT (member_id) DO UPDATE SET district_code = EXCLUDED.district_code, grid_code = EXCLUDED.grid_code,
        informant = EXCLUDED.informant, changed_at = EXCLUDED.changed_at`;
  },

  async closeSpan(tx: Tx, memberId: string, at: Date): Promise<void> {
    await tx.$executeRaw`UPDATE informant_span SET "to" = ${at} WHERE member_id = ${memberId}::uuid AND "to" IS NULL`;
  },

  async openSpan(tx: Tx, m: MemberFactState): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO informant_span (member_id, grid_code, district_code, "from") VALUES (${m.memberId}::uuid, ${m.gridCode}, ${m.districtCode}, ${m.changedAt})`;
  },

  /** The periods coverage has a value for (the city has one whenever any district has). */
  async valuedCoveragePeriods(tx: Tx): Promise<{ periodKind: PeriodKind; period: string }[]> {
    return tx.$queryRaw<{ periodKind: PeriodKind; period: string }[]>`
      SELECT period_kind::text AS "periodKind", period FROM indicator_value WHERE indicator_code = ${COVERAGE} AND district_code = ${CITY_CODE}`;
  },

  /**
   * Coverage at the end of each period, for every district that has ever had a grid (0 / 0 where
   * none existed then, so that a value a retirement emptied is overwritten), and the city (their sum).
   */
  async coverageAt(tx: Tx, periods: readonly CoveragePeriod[]): Promise<CoverageValue[]> {
    if (periods.length === 0) return [];
    const rows = await tx.$queryRawUnsafe<CoverageValue[]>(
      `WITH ends AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS e(period_kind, period, end_at)
       ), existing AS (
         SELECT e.period_kind, e.period, g.district_code, g.grid_code,
                EXISTS (SELECT 1 FROM informant_span s
                        WHERE s.district_code = g.district_code AND s.grid_code = g.grid_code
                          AND s."from" < e.end_at AND (s."to" IS NULL OR s."to" >= e.end_at)) AS covered
         FROM ends e JOIN grid_fact g ON g.created_at < e.end_at AND (g.retired_at IS NULL OR g.retired_at >= e.end_at)
       )
       SELECT d.district_code AS "districtCode", e.period_kind AS "periodKind", e.period,
              (count(x.grid_code) FILTER (WHERE x.covered))::float8 AS numerator, count(x.grid_code)::float8 AS denominator
       FROM ends e CROSS JOIN (SELECT DISTINCT district_code FROM grid_fact) d
       LEFT JOIN existing x ON x.period_kind = e.period_kind AND x.period = e.period AND x.district_code = d.district_code
       GROUP BY 1, 2, 3`,
      periods.map((p) => p.periodKind),
      periods.map((p) => p.period),
      periods.map((p) => p.end.toISOString()),
    );
    const city = new Map<string, CoverageValue>(periods.map((p) => [`${p.periodKind}|${p.period}`, { districtCode: CITY_CODE, periodKind: p.periodKind, period: p.period, numerator: 0, denominator: 0 }]));
    for (const r of rows) {
      const c = city.get(`${r.periodKind}|${r.period}`)!;
      c.numerator += r.numerator;
      c.denominator += r.denominator;
    }
    return [...rows, ...city.values()];
  },

  /**
   * The attendance as it was before this event (null when new), after making it `a`. The insert
   * comes first, so two events about one attendance never both take it for new.
   */
  async recordAttendance(tx: Tx, a: TrainingAttendance): Promise<TrainingAttendance | null> {
    const inserted = await tx.$executeRaw`
      INSERT INTO training_attendance_fact (member_id, training_id, district_code, held_on)
      VALUES (${a.memberId}::uuid, ${a.trainingId}::uuid, ${a.districtCode}, ${a.heldOn}::date) ON CONFLICT DO NOTHING`;
    if (inserted === 1) return null;
    const [before] = await tx.$queryRaw<TrainingAttendance[]>`
      SELECT member_id::text AS "memberId", training_id::text AS "trainingId", district_code AS "districtCode", to_char(held_on, 'YYYY-MM-DD') AS "heldOn"
      FROM training_attendance_fact WHERE member_id = ${a.memberId}::uuid AND training_id = ${a.trainingId}::uuid FOR UPDATE`;
    await tx.$executeRaw`
      UPDATE training_attendance_fact SET district_code = ${a.districtCode}, held_on = ${a.heldOn}::date
      WHERE member_id = ${a.memberId}::uuid AND training_id = ${a.trainingId}::uuid`;
    return before!;
  },
};
