import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource } from './clue-submitted.event';

/** The four procuratorial departments a clue can be assigned to. */
export const CLUE_DEPARTMENTS = ['CRIMINAL', 'CIVIL', 'ADMINISTRATIVE', 'PUBLIC_INTEREST'] as const;
export type ClueDepartment = (typeof CLUE_DEPARTMENTS)[number];

export interface ClueCaseOpenedData {
  clueId: string;
  number: string;
  districtCode: string;
  gridCode: string | null;
  source: ClueSource;
  category: ClueCategory;
  /** The informant who reported it (earns points in grids): internal only. */
  reporterMemberId: string | null;
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
    required: ['clueId', 'number', 'districtCode', 'gridCode', 'source', 'category', 'reporterMemberId', 'department', 'openedBy', 'openedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      gridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
      source: { type: 'string', enum: CLUE_SOURCES },
      category: { type: 'string', enum: CLUE_CATEGORIES },
      reporterMemberId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null', nullable: true }] },
      department: { type: 'string', enum: CLUE_DEPARTMENTS },
      openedBy: { type: 'string', minLength: 1, maxLength: 200 },
      openedAt: { type: 'string', format: 'date-time' },
    },
  },
});
