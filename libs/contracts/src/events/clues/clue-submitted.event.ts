import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export const CLUE_SOURCES = [
  'GRID_REPORT',
  'HOTLINE_12309',
  'GRID_CENTRE_REFERRAL',
  'COMMUNITY_CORRECTIONS',
  'INTERNAL_TRANSFER',
  'PETITION',
] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const CLUE_CATEGORIES = [
  'PUBLIC_INTEREST_ECOLOGY',
  'PUBLIC_INTEREST_FOOD_DRUG',
  'PUBLIC_INTEREST_STATE_ASSETS',
  'PUBLIC_INTEREST_LAND',
  'PUBLIC_INTEREST_WORK_SAFETY',
  'PUBLIC_INTEREST_HERITAGE',
  'PUBLIC_INTEREST_MINORS',
  'CRIMINAL',
  'CIVIL',
  'ADMINISTRATIVE',
  'COMMUNITY_CORRECTIONS',
] as const;
export type ClueCategory = (typeof CLUE_CATEGORIES)[number];

export interface ClueSubmittedData {
  clueId: string;
  /** `<district>-<year>-<6-digit sequence>`, e.g. 610113-2026-000012. */
  number: string;
  districtCode: string;
  gridCode: string | null;
  source: ClueSource;
  category: ClueCategory;
  /** Grid member who reported it: identifies an informant, so this event is not partner-readable. */
  reporterMemberId: string | null;
  submittedAt: string;
}

export const clueSubmitted = defineEvent<ClueSubmittedData>({
  type: 'clues.clue.submitted',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'A clue (线索) was submitted. Carries the reporting grid member id, which identifies an informant: internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [
      'clueId',
      'number',
      'districtCode',
      'gridCode',
      'source',
      'category',
      'reporterMemberId',
      'submittedAt',
    ],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      gridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
      source: { type: 'string', enum: CLUE_SOURCES },
      category: { type: 'string', enum: CLUE_CATEGORIES },
      reporterMemberId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null', nullable: true }] },
      submittedAt: { type: 'string', format: 'date-time' },
    },
  },
});
