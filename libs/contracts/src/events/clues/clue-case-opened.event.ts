import { defineEvent } from '../../define-event';
import { CLUE_FACTS_REQUIRED, clueFactsProperties, type ClueFacts } from './clue-facts';

/** The four procuratorial departments a clue can be assigned to. */
export const CLUE_DEPARTMENTS = ['CRIMINAL', 'CIVIL', 'ADMINISTRATIVE', 'PUBLIC_INTEREST'] as const;
export type ClueDepartment = (typeof CLUE_DEPARTMENTS)[number];

export interface ClueCaseOpenedData extends ClueFacts {
  department: ClueDepartment;
  openedBy: string;
  openedAt: string;
}

export const clueCaseOpened = defineEvent<ClueCaseOpenedData>({
  type: 'clues.clue.case-opened',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'A case was opened (立案) on an assigned clue. Carries the reporting member id (informant identity): internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...CLUE_FACTS_REQUIRED, 'department', 'openedBy', 'openedAt'],
    properties: {
      ...clueFactsProperties,
      department: { type: 'string', enum: CLUE_DEPARTMENTS },
      openedBy: { type: 'string', minLength: 1, maxLength: 200 },
      openedAt: { type: 'string', format: 'date-time' },
    },
  },
});
