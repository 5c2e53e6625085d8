import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_DEPARTMENTS, type ClueDepartment } from './clue-case-opened.event';

export interface ClueClosedNoActionData {
  clueId: string;
  number: string;
  districtCode: string;
  /** The department that closed it. */
  department: ClueDepartment;
  reason: string;
  /** Token subject of the procurator or leader who closed it. */
  closedBy: string;
  closedAt: string;
}

export const clueClosedNoAction = defineEvent<ClueClosedNoActionData>({
  type: 'clues.clue.closed-no-action',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description: 'An assigned clue was closed without opening a case (不立案), with the reason.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'department', 'reason', 'closedBy', 'closedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      department: { type: 'string', enum: CLUE_DEPARTMENTS },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
      closedBy: { type: 'string', minLength: 1, maxLength: 200 },
      closedAt: { type: 'string', format: 'date-time' },
    },
  },
});
