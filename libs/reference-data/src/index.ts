export { CITY, CITY_CODE, DISTRICTS, isDistrictOfCity, jurisdictionOf, type Jurisdiction } from './jurisdictions';
export { chinaMonth, fromChinaWallClock, toChinaWallClock } from './china-time';
export {
  addCalendarMonths,
  addDays,
  calendarDate,
  chinaDate,
  isCalendarDate,
  PERIOD_EXAMPLES,
  periodDates,
  periodInstants,
  type PeriodDates,
  type PeriodKind,
} from './calendar-periods';
