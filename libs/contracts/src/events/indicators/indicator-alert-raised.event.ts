import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export interface IndicatorAlertRaisedData {
  indicatorCode: string;
  indicatorName: string;
  /** The district, or 610100 for the city as a whole. */
  districtCode: string;
  periodKind: 'MONTH' | 'QUARTER' | 'YEAR';
  /** 2026-11, 2026-Q4 or 2026. */
  period: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  target: number;
  value: number;
  numerator: number;
  /** 0 for a count. */
  denominator: number;
  raisedAt: string;
}

export const indicatorAlertRaised = defineEvent<IndicatorAlertRaisedData>({
  type: 'indicators.alert.raised',
  version: 1,
  topic: 'indicators.alert.v1',
  aggregate: 'alert',
  partnerReadable: true,
  description:
    "An indicator's value for a district (or the city) and period crossed its target to the wrong side: raised once per indicator, jurisdiction and period. Aggregates only: partner-readable.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['indicatorCode', 'indicatorName', 'districtCode', 'periodKind', 'period', 'direction', 'target', 'value', 'numerator', 'denominator', 'raisedAt'],
    properties: {
      indicatorCode: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' },
      indicatorName: { type: 'string', minLength: 1, maxLength: 200 },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      periodKind: { type: 'string', enum: ['MONTH', 'QUARTER', 'YEAR'] },
      period: { type: 'string', pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$' },
      direction: { type: 'string', enum: ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] },
      target: { type: 'number' },
      value: { type: 'number' },
      numerator: { type: 'number' },
      denominator: { type: 'number' },
      raisedAt: { type: 'string', format: 'date-time' },
    },
  },
});
