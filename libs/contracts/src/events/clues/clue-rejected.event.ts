import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export interface ClueRejectedData {
  clueId: string;
  number: string;
  districtCode: string;
  reason: string;
  /** Token subject of the procurator who rejected it. */
  rejectedBy: string;
  rejectedAt: string;
}

export const clueRejected = defineEvent<ClueRejectedData>({
  type: 'clues.clue.rejected',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description: 'A submitted clue was rejected (不予受理) by its district, with the reason.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'reason', 'rejectedBy', 'rejectedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
      rejectedBy: { type: 'string', minLength: 1, maxLength: 200 },
      rejectedAt: { type: 'string', format: 'date-time' },
    },
  },
});
