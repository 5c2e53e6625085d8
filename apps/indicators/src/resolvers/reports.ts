import { CITY_CODE } from '@pgov/reference-data';
import type { IndicatorsContext } from '../context';
import { canSeeIndicatorsOf } from '../domain/indicator-access';
import type { PeriodKind } from '../domain/periods';
import type { IndicatorReport, ReportLine } from '../domain/report';
import { renderReportCsv } from '../reports/report-csv';
import { renderReportHtml } from '../reports/report-html';
import { buildReport } from '../services/report.service';
import { assertPeriod } from './values';

/** A jurisdiction the caller may not see answers null, as one that does not exist would. */
async function report(ctx: IndicatorsContext, districtCode: string, periodKind: PeriodKind, period: string): Promise<IndicatorReport | null> {
  assertPeriod(periodKind, period);
  if (!canSeeIndicatorsOf(ctx.identity, districtCode)) return null;
  return buildReport(ctx.db, districtCode, periodKind, period, ctx.clock());
}

type Args = { periodKind: PeriodKind; period: string };

export const reportResolvers = {
  Query: {
    indicatorReport: (_: unknown, { districtCode, periodKind, period }: Args & { districtCode: string }, ctx: IndicatorsContext) =>
      report(ctx, districtCode, periodKind, period),
    indicatorAlerts: (_: unknown, { districtCode, first }: { districtCode?: string | null; first?: number | null }, ctx: IndicatorsContext) => {
      const wanted = districtCode ?? (ctx.identity.district === CITY_CODE ? null : ctx.identity.district);
      if (wanted !== null && !canSeeIndicatorsOf(ctx.identity, wanted)) return [];
      if (wanted === null && !canSeeIndicatorsOf(ctx.identity, CITY_CODE)) return [];
      return ctx.indicators.alerts(wanted, Math.min(Math.max(first ?? 50, 1), 200));
    },
  },
  District: {
    indicatorReport: (district: { code: string }, { periodKind, period }: Args, ctx: IndicatorsContext) => report(ctx, district.code, periodKind, period),
  },
  IndicatorReport: {
    districtCode: (r: IndicatorReport) => r.jurisdiction.code,
    jurisdictionName: (r: IndicatorReport) => r.jurisdiction.name,
    csv: (r: IndicatorReport) => renderReportCsv(r),
    html: (r: IndicatorReport) => renderReportHtml(r),
  },
  ReportLine: {
    indicator: (l: ReportLine, _: unknown, ctx: IndicatorsContext) => ctx.loaders.indicator.load(l.code),
  },
  IndicatorAlert: {
    indicator: (a: { indicatorCode: string }, _: unknown, ctx: IndicatorsContext) => ctx.loaders.indicator.load(a.indicatorCode),
    raisedAt: (a: { raisedAt: Date }) => a.raisedAt.toISOString(),
  },
};
