import type { IndicatorDirection, IndicatorUnit } from './catalogue';
import type { PeriodKind } from './periods';

/**
 * A report (DOMAIN.md §4): for a district or the city and a period, every indicator with its value,
 * target, trend against the previous period and rank among the 13 districts, and the overdue items
 * of the other services. The same object is served through the graph and rendered as CSV and HTML.
 * Aggregates and agency names only: nothing in it identifies a person.
 */
export interface IndicatorReport {
  jurisdiction: { code: string; name: string };
  periodKind: PeriodKind;
  period: string;
  previousPeriod: string;
  /** ISO 8601 instant. */
  generatedAt: string;
  lines: ReportLine[];
  overdue: OverdueItem[];
}

export type Trend = 'UP' | 'DOWN' | 'FLAT';

export interface ReportLine {
  code: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  scope: 'NATIONAL' | 'REGIONAL';
  target: number | null;
  /** null: nothing counted yet (a rate with no denominator). */
  value: number | null;
  numerator: number;
  /** 0 for counts. */
  denominator: number;
  previousValue: number | null;
  /** Against the previous period; null when either value is missing. */
  trend: Trend | null;
  /** Whether the trend is for the better given the direction; null with no trend or when flat. */
  improved: boolean | null;
  /** null without a target or a value. */
  meetsTarget: boolean | null;
  /** 1 = best of the 13 districts by the direction (ties share a rank); null for the city or without a value. */
  rank: number | null;
  /** How many districts have a value to be ranked among. */
  rankedAmong: number;
  /** Every district's value for the same period (the chart's bars), in district code order. */
  districtValues: { districtCode: string; districtName: string; value: number | null }[];
}

export type OverdueKind = 'RECOMMENDATION_REPLY' | 'PETITION_PROCEDURAL_REPLY' | 'PETITION_RESULT_REPLY';

/** Something past its deadline and still unanswered, as this service knows it from the events. */
export interface OverdueItem {
  kind: OverdueKind;
  districtCode: string;
  /** The recommendation's document number, or the petition's id. */
  reference: string;
  /** The agency a recommendation went to; null for petitions. */
  agencyName: string | null;
  /** China calendar date 'YYYY-MM-DD' the answer was due. */
  dueOn: string;
  /** Whole days past due at generatedAt. */
  daysOverdue: number;
}
