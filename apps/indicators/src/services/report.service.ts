import { addDays, CITY_CODE, chinaDate, jurisdictionOf, periodDates } from '@pgov/reference-data';
import { NotFound } from '@pgov/errors';
import type { PeriodKind } from '../domain/periods';
import { previousPeriod } from '../domain/periods';
import type { IndicatorReport } from '../domain/report';
import { assembleReport } from '../domain/report-assembly';

/** Indicators of a state, kept only for periods in which it changed (grid-contributions.ts). */
const STATE_INDICATORS = new Set(['INFORMANT_GRID_COVERAGE']);
import type { IndicatorsDb } from '../persistence/prisma';
import { reportRepository } from '../persistence/report.repository';

/** Builds the report of a jurisdiction (a district, or 610100 the city) and period at `now`. */
export async function buildReport(db: IndicatorsDb, districtCode: string, periodKind: PeriodKind, period: string, now: Date): Promise<IndicatorReport> {
  const jurisdiction = jurisdictionOf(districtCode);
  if (!jurisdiction) throw new NotFound('District', districtCode);
  const reports = reportRepository(db);
  const lastDay = addDays(periodDates(periodKind, period)!.until, -1);
  const previous = previousPeriod(periodKind, period);
  const [catalogue, values, current, before, overdue] = await Promise.all([
    reports.catalogue(),
    reports.values(periodKind, [period, previous]),
    reports.carriedForward([...STATE_INDICATORS], periodKind, period),
    reports.carriedForward([...STATE_INDICATORS], periodKind, previous),
    reports.overdue(districtCode === CITY_CODE ? null : districtCode, lastDay, chinaDate(now)),
  ]);
  const flows = values.filter((v) => !STATE_INDICATORS.has(v.indicatorCode));
  return assembleReport({ jurisdiction, periodKind, period, catalogue, values: [...flows, ...current, ...before], overdue, generatedAt: now });
}
