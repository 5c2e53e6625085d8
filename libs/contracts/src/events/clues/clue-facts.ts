import { PATTERNS } from '../../envelope';
import { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource } from './clue-vocabulary';

/** What the clue events that concern the informant (submitted, accepted, case opened) say of the clue. */
export interface ClueFacts {
  clueId: string;
  /** `<district>-<year>-<6-digit sequence>`, e.g. 610113-2026-000012. */
  number: string;
  districtCode: string;
  gridCode: string | null;
  source: ClueSource;
  category: ClueCategory;
  /** Grid member who reported it: identifies an informant, so these events are not partner-readable. */
  reporterMemberId: string | null;
}

export const CLUE_FACTS_REQUIRED = ['clueId', 'number', 'districtCode', 'gridCode', 'source', 'category', 'reporterMemberId'] as const;

export const clueFactsProperties = {
  clueId: { type: 'string', format: 'uuid' },
  number: { type: 'string', pattern: '^[1-9][0-9]{5}-[0-9]{4}-[0-9]{6}$' },
  districtCode: { type: 'string', pattern: PATTERNS.district },
  gridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
  source: { type: 'string', enum: CLUE_SOURCES },
  category: { type: 'string', enum: CLUE_CATEGORIES },
  reporterMemberId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null', nullable: true }] },
} as const;
