/**
 * A recount: one SQL query over this service's facts that answers, for one indicator, every
 * (district_code, period_kind, period, numerator, denominator) it has a value for, districts only
 * (the city is their sum). Written independently of the contributions in the domain, so that a
 * value equal to its recount proves the incremental path right. Periods come from the
 * china_periods() SQL functions of the migrations.
 */
export type RecountQueries = Partial<Record<import('../../domain/catalogue').IndicatorCode, string>>;
