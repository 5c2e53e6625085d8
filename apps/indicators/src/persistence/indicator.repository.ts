import { Prisma } from '../generated/prisma/client';
import type { IndicatorsDb } from './prisma';

export interface AlertFilter {
  districtCode: string | null;
  indicatorCode: string | null;
  periodKind: PeriodKind | null;
}

export interface AlertRow {
  indicatorCode: string;
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
  value: number;
  target: number;
  raisedAt: Date;
}

export type AlertCursor = Pick<AlertRow, 'indicatorCode' | 'districtCode' | 'periodKind' | 'period'> & { raisedAt: string };
import type { PeriodKind } from '../domain/periods';

export function indicatorRepository(db: IndicatorsDb) {
  return {
    catalogue() {
      return db.indicator.findMany({ orderBy: { code: 'asc' } });
    },
    update(code: string, changes: { name?: string; description?: string; target?: number | null; scope?: 'NATIONAL' | 'REGIONAL'; updatedBy: string }) {
      return db.indicator.update({ where: { code }, data: changes });
    },
    /**
     * A page of alerts newest first (raised_at, then key, descending) after the cursor's row, with
     * the filters; `take` one more than the page to tell whether another follows.
     */
    async alerts(filter: AlertFilter, take: number, after: AlertCursor | null) {
      const where = Prisma.sql`
        (${filter.districtCode}::text IS NULL OR district_code = ${filter.districtCode})
        AND (${filter.indicatorCode}::text IS NULL OR indicator_code = ${filter.indicatorCode})
        AND (${filter.periodKind}::text IS NULL OR period_kind::text = ${filter.periodKind})`;
      const page = after
        ? Prisma.sql`AND (raised_at, indicator_code, district_code, period_kind::text, period) < (${after.raisedAt}::timestamptz, ${after.indicatorCode}, ${after.districtCode}, ${after.periodKind}, ${after.period})`
        : Prisma.empty;
      const [rows, [total]] = await Promise.all([
        db.$queryRaw<AlertRow[]>`
          SELECT indicator_code AS "indicatorCode", district_code AS "districtCode", period_kind::text AS "periodKind", period, value, target, raised_at AS "raisedAt"
          FROM indicator_alert WHERE ${where} ${page}
          ORDER BY raised_at DESC, indicator_code DESC, district_code DESC, period_kind::text DESC, period DESC
          LIMIT ${take}`,
        db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM indicator_alert WHERE ${where}`,
      ]);
      return { rows, totalCount: total!.n };
    },
    byCodes(codes: readonly string[]) {
      return db.indicator.findMany({ where: { code: { in: [...codes] } } });
    },
    /** Values of many (district, kind, period) keys in one query. */
    values(keys: readonly { districtCode: string; periodKind: PeriodKind; period: string }[]) {
      return db.indicatorValue.findMany({
        where: { OR: keys.map((k) => ({ districtCode: k.districtCode, periodKind: k.periodKind, period: k.period })) },
        orderBy: { indicatorCode: 'asc' },
      });
    },
  };
}

export type IndicatorValueRow = Awaited<ReturnType<ReturnType<typeof indicatorRepository>['values']>>[number];
export type IndicatorRow = Awaited<ReturnType<ReturnType<typeof indicatorRepository>['byCodes']>>[number];
