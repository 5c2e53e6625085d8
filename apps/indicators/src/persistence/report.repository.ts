import type { CatalogueEntry, StoredValue } from '../domain/report-assembly';
import type { OverdueItem } from '../domain/report';
import type { PeriodKind } from '../domain/periods';
import type { IndicatorsDb } from './prisma';

/** At most this many overdue items in one report (oldest due first). */
const OVERDUE_LIMIT = 500;

/** What a report reads: the catalogue, every jurisdiction's values of two periods, the open overdue items. */
export function reportRepository(db: IndicatorsDb) {
  return {
    catalogue(): Promise<CatalogueEntry[]> {
      return db.indicator.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true, description: true, unit: true, direction: true, scope: true, target: true } });
    },

    values(periodKind: PeriodKind, periods: string[]): Promise<StoredValue[]> {
      return db.indicatorValue.findMany({
        where: { periodKind, period: { in: periods } },
        select: { indicatorCode: true, districtCode: true, period: true, numerator: true, denominator: true, value: true },
      });
    },

    /**
     * The latest value of a state indicator (coverage) at or before `period`, per jurisdiction: its
     * state does not change in a period without a change, so the period's value is the last one kept.
     */
    carriedForward(codes: string[], periodKind: PeriodKind, period: string): Promise<StoredValue[]> {
      return db.$queryRaw<StoredValue[]>`
        SELECT DISTINCT ON (indicator_code, district_code)
               indicator_code AS "indicatorCode", district_code AS "districtCode", ${period} AS period, numerator, denominator, value
        FROM indicator_value v
        WHERE indicator_code = ANY(${codes}) AND period_kind = ${periodKind}::"PeriodKind" AND v.period <= ${period}
        ORDER BY indicator_code, district_code, v.period DESC`;
    },

    /**
     * Answers still owed, due by `dueBy` (China date, inclusive), of one district or (null) all:
     * recommendations announced overdue and not replied to, petitions past a reply deadline and not
     * answered. `today` (China date) gives the days overdue.
     */
    overdue(districtCode: string | null, dueBy: string, today: string): Promise<OverdueItem[]> {
      return db.$queryRaw<OverdueItem[]>`
        SELECT kind, district_code AS "districtCode", reference, agency_name AS "agencyName",
               to_char(due_on, 'YYYY-MM-DD') AS "dueOn", (${today}::date - due_on)::int AS "daysOverdue"
        FROM (
          SELECT 'RECOMMENDATION_REPLY' AS kind, district_code, document_number AS reference, agency_name, reply_due_on AS due_on
          FROM recommendation_fact WHERE overdue_at IS NOT NULL AND replied_at IS NULL
          UNION ALL
          SELECT 'PETITION_PROCEDURAL_REPLY', district_code, petition_id::text, NULL, (procedural_reply_due_at AT TIME ZONE 'Asia/Shanghai')::date
          FROM petition_fact WHERE procedural_missed_at IS NOT NULL AND procedural_replied_at IS NULL
          UNION ALL
          SELECT 'PETITION_RESULT_REPLY', district_code, petition_id::text, NULL, (result_reply_due_at AT TIME ZONE 'Asia/Shanghai')::date
          FROM petition_fact WHERE result_missed_at IS NOT NULL AND result_replied_at IS NULL
        ) o
        WHERE due_on <= ${dueBy}::date AND (${districtCode}::text IS NULL OR district_code = ${districtCode})
        ORDER BY due_on, reference
        LIMIT ${OVERDUE_LIMIT}`;
    },
  };
}
