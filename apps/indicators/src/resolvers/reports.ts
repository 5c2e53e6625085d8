import { InvalidInput } from '@pgov/errors';
import { decodeCursor, pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { IndicatorsContext } from '../context';
import { canSeeIndicatorsOf } from '../domain/indicator-access';
import type { PeriodKind } from '../domain/periods';
import type { IndicatorReport, ReportLine } from '../domain/report';
import { renderReportCsv } from '../reports/report-csv';
import { renderReportHtml } from '../reports/report-html';
import type { AlertCursor } from '../persistence/indicator.repository';
import { buildReport } from '../services/report.service';
import { assertPeriod } from './values';

/** A jurisdiction the caller may not see answers null, as one that does not exist would. */
async function report(ctx: IndicatorsContext, districtCode: string, periodKind: PeriodKind, period: string): Promise<IndicatorReport | null> {
  assertPeriod(periodKind, period);
  if (!canSeeIndicatorsOf(ctx.identity, districtCode)) return null;
  return buildReport(ctx.db, districtCode, periodKind, period, ctx.clock());
}

type Args = { periodKind: PeriodKind; period: string };
type AlertArgs = { districtCode?: string | null; indicatorCode?: string | null; periodKind?: PeriodKind | null; first?: number | null; after?: string | null };

/** The row an alerts cursor points at; a forged one is bad input. */
function alertCursor(after: string | null | undefined): AlertCursor | null {
  const keys = decodeCursor(after);
  if (!keys) return null;
  const [raisedAt, indicatorCode, districtCode, periodKind, period] = keys.map(String);
  if (keys.length !== 5 || Number.isNaN(Date.parse(raisedAt!))) throw new InvalidInput('after', 'not a cursor returned by this list');
  return { raisedAt: raisedAt!, indicatorCode: indicatorCode!, districtCode: districtCode!, periodKind: periodKind as PeriodKind, period: period! };
}

export const reportResolvers = {
  Query: {
    indicatorReport: (_: unknown, { districtCode, periodKind, period }: Args & { districtCode: string }, ctx: IndicatorsContext) =>
      report(ctx, districtCode, periodKind, period),
    indicatorAlerts: async (_: unknown, args: AlertArgs, ctx: IndicatorsContext) => {
      const size = pageSize(args.first);
      const empty = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
      // A district's users see their own; the city's (and analysts) all, or the district they name.
      const districtCode = args.districtCode ?? (ctx.identity.district === CITY_CODE ? null : ctx.identity.district);
      if (!canSeeIndicatorsOf(ctx.identity, districtCode ?? CITY_CODE)) return empty;
      const { rows, totalCount } = await ctx.indicators.alerts(
        { districtCode, indicatorCode: args.indicatorCode ?? null, periodKind: args.periodKind ?? null },
        size + 1,
        alertCursor(args.after),
      );
      return toConnection(rows, size, (r) => [r.raisedAt.toISOString(), r.indicatorCode, r.districtCode, r.periodKind, r.period], totalCount);
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
