import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_DEPARTMENTS, type ClueDepartment } from './clue-case-opened.event';

export interface ClueTransferredData {
  clueId: string;
  number: string;
  districtCode: string;
  fromDepartment: ClueDepartment;
  toDepartment: ClueDepartment;
  reason: string;
  /** Token subject of the procurator or leader who transferred it. */
  transferredBy: string;
  transferredAt: string;
}

export const clueTransferred = defineEvent<ClueTransferredData>({
  type: 'clues.clue.transferred',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'An assigned clue was transferred to another procuratorial department (相互移送线索), with the reason; the receiving department assigns it again.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'fromDepartment', 'toDepartment', 'reason', 'transferredBy', 'transferredAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      fromDepartment: { type: 'string', enum: CLUE_DEPARTMENTS },
      toDepartment: { type: 'string', enum: CLUE_DEPARTMENTS },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
      transferredBy: { type: 'string', minLength: 1, maxLength: 200 },
      transferredAt: { type: 'string', format: 'date-time' },
    },
  },
});
