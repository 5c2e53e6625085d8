export { CITY_CODE, DISTRICTS, isDistrictOfCity, type Jurisdiction } from './jurisdictions';
export { chinaMonth, fromChinaWallClock, toChinaWallClock } from './china-time';
