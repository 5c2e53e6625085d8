export { CITY_CODE, DISTRICTS, isDistrictOfCity, type Jurisdiction } from './jurisdictions';
