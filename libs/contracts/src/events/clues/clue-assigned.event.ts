import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_DEPARTMENTS, type ClueDepartment } from './clue-case-opened.event';

export interface ClueAssignedData {
  clueId: string;
  number: string;
  districtCode: string;
  department: ClueDepartment;
  /** Token subject of the procurator or leader who assigned it. */
  assignedBy: string;
  assignedAt: string;
}

export const clueAssigned = defineEvent<ClueAssignedData>({
  type: 'clues.clue.assigned',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'An accepted clue was assigned to one of the four procuratorial departments, or a transferred clue was taken on by the receiving department.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'department', 'assignedBy', 'assignedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      department: { type: 'string', enum: CLUE_DEPARTMENTS },
      assignedBy: { type: 'string', minLength: 1, maxLength: 200 },
      assignedAt: { type: 'string', format: 'date-time' },
    },
  },
});
