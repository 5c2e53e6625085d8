import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource } from './clue-submitted.event';

export interface ClueAcceptedData {
  clueId: string;
  number: string;
  districtCode: string;
  gridCode: string | null;
  source: ClueSource;
  category: ClueCategory;
  /** The informant who reported it (earns points in grids): internal only. */
  reporterMemberId: string | null;
  /** Token subject of the procurator who accepted it. */
  acceptedBy: string;
  acceptedAt: string;
}

export const clueAccepted = defineEvent<ClueAcceptedData>({
  type: 'clues.clue.accepted',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'A submitted clue was accepted (受理) by its district. Carries the reporting member id (informant identity): internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['clueId', 'number', 'districtCode', 'gridCode', 'source', 'category', 'reporterMemberId', 'acceptedBy', 'acceptedAt'],
    properties: {
      clueId: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      gridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
      source: { type: 'string', enum: CLUE_SOURCES },
      category: { type: 'string', enum: CLUE_CATEGORIES },
      reporterMemberId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null', nullable: true }] },
      acceptedBy: { type: 'string', minLength: 1, maxLength: 200 },
      acceptedAt: { type: 'string', format: 'date-time' },
    },
  },
});
