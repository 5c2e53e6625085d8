import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
/** 涉军, 涉众, 涉妇女儿童, 涉检信访 */
export const RISK_FACTORS = ['MILITARY', 'MASS', 'WOMEN_CHILDREN', 'PETITION'] as const;

export interface ClueRiskAssessedData {
  clueId: string;
  number: string;
  districtCode: string;
  riskLevel: (typeof RISK_LEVELS)[number];
  riskFactors: (typeof RISK_FACTORS)[number][];
  /** Whether a handling plan (处置应对方案) is on record; its text stays in the clues service. */
  handlingPlanRecorded: boolean;
  assessedBy: string;
  assessedAt: string;
}

export const clueRiskAssessed = defineEvent<ClueRiskAssessedData>({
  type: 'clues.clue.risk-assessed',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description: 'A risk assessment (司法办案风险评估预警) of an accepted clue was recorded or revised, or its handling plan was recorded.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'riskLevel', 'riskFactors', 'handlingPlanRecorded', 'assessedBy', 'assessedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      riskLevel: { type: 'string', enum: RISK_LEVELS },
      riskFactors: { type: 'array', uniqueItems: true, items: { type: 'string', enum: RISK_FACTORS } },
      handlingPlanRecorded: { type: 'boolean' },
      assessedBy: { type: 'string', minLength: 1, maxLength: 200 },
      assessedAt: { type: 'string', format: 'date-time' },
    },
  },
});
