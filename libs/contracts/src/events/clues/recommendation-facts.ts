import { PATTERNS } from '../../envelope';

export const RECOMMENDATION_KINDS = ['SOCIAL_GOVERNANCE', 'CORRECTION_OF_VIOLATION', 'PUBLIC_INTEREST_PRE_LITIGATION', 'RETRIAL'] as const;
export const REPLY_ADOPTIONS = ['ADOPTED', 'PARTLY_ADOPTED', 'NOT_ADOPTED'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
export type ReplyAdoption = (typeof REPLY_ADOPTIONS)[number];

/**
 * What every recommendation event says of it. Recommendations go to public agencies: no personal
 * information, and no clue ids (which clue led to which recommendation stays in the graph).
 */
export interface RecommendationFacts {
  recommendationId: string;
  /** e.g. 雁检建〔2026〕12号 */
  documentNumber: string;
  districtCode: string;
  kind: RecommendationKind;
  agencyName: string;
  /** Calendar date (China), YYYY-MM-DD. */
  replyDueOn: string;
}

export const RECOMMENDATION_FACTS_REQUIRED = ['recommendationId', 'documentNumber', 'districtCode', 'kind', 'agencyName', 'replyDueOn'] as const;

export const recommendationFactsProperties = {
  recommendationId: { type: 'string', format: 'uuid' },
  documentNumber: { type: 'string', minLength: 1, maxLength: 40 },
  districtCode: { type: 'string', pattern: PATTERNS.district },
  kind: { type: 'string', enum: RECOMMENDATION_KINDS },
  agencyName: { type: 'string', minLength: 1, maxLength: 200 },
  replyDueOn: { type: 'string', format: 'date' },
} as const;
