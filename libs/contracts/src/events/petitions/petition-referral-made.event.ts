import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_CATEGORIES, type ClueCategory } from '../clues/clue-vocabulary';

export interface PetitionReferralMadeData {
  /** Unique per referral: the clues service creates one clue per referral id. */
  referralId: string;
  petitionId: string;
  districtCode: string;
  clueCategory: ClueCategory;
  /** What the clue is about, as the handler summarised the petition (no petitioner's name, ID or phone). */
  title: string;
  description: string;
  referredBy: string;
  referredAt: string;
}

export const petitionReferralMade = defineEvent<PetitionReferralMadeData>({
  type: 'petitions.referral.made',
  version: 1,
  topic: 'petitions.referral.v1',
  aggregate: 'referral',
  partnerReadable: false,
  description:
    'A petition (信访件) was referred to the clues service to become a clue (信访转线索); the clues service creates exactly one clue per referral. The summary is free text about a case: internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['referralId', 'petitionId', 'districtCode', 'clueCategory', 'title', 'description', 'referredBy', 'referredAt'],
    properties: {
      referralId: { type: 'string', format: 'uuid' },
      petitionId: { type: 'string', format: 'uuid' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      clueCategory: { type: 'string', enum: CLUE_CATEGORIES },
      title: { type: 'string', minLength: 2, maxLength: 200 },
      description: { type: 'string', minLength: 1, maxLength: 5000 },
      referredBy: { type: 'string', minLength: 1, maxLength: 200 },
      referredAt: { type: 'string', format: 'date-time' },
    },
  },
});
