import { addDays, CITY_CODE, chinaDate, jurisdictionOf, periodDates } from '@pgov/reference-data';
import { NotFound } from '@pgov/errors';
import type { PeriodKind } from '../domain/periods';
import { previousPeriod } from '../domain/periods';
import type { IndicatorReport } from '../domain/report';
import { assembleReport } from '../domain/report-assembly';
import type { IndicatorsDb } from '../persistence/prisma';
import { reportRepository } from '../persistence/report.repository';

/** Builds the report of a jurisdiction (a district, or 610100 the city) and period at `now`. */
export async function buildReport(db: IndicatorsDb, districtCode: string, periodKind: PeriodKind, period: string, now: Date): Promise<IndicatorReport> {
  const jurisdiction = jurisdictionOf(districtCode);
  if (!jurisdiction) throw new NotFound('District', districtCode);
  const reports = reportRepository(db);
  const lastDay = addDays(periodDates(periodKind, period)!.until, -1);
  const [catalogue, values, overdue] = await Promise.all([
    reports.catalogue(),
    reports.values(periodKind, [period, previousPeriod(periodKind, period)]),
    reports.overdue(districtCode === CITY_CODE ? null : districtCode, lastDay, chinaDate(now)),
  ]);
  return assembleReport({ jurisdiction, periodKind, period, catalogue, values, overdue, generatedAt: now });
}
