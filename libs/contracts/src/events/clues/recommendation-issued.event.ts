import { defineEvent } from '../../define-event';
import { RECOMMENDATION_FACTS_REQUIRED, recommendationFactsProperties, type RecommendationFacts } from './recommendation-facts';

export interface RecommendationIssuedData extends RecommendationFacts {
  /** 1-8: the Supreme People's Procuratorate's numbered series, when it is one of them. */
  seriesTag: number | null;
  agencyKind: string;
  issuedAt: string;
}

export const recommendationIssued = defineEvent<RecommendationIssuedData>({
  type: 'clues.recommendation.issued',
  version: 1,
  topic: 'clues.recommendation.v1',
  aggregate: 'recommendation',
  partnerReadable: true,
  description: "A district issued a procuratorial recommendation (检察建议) to an agency; the reply is due on replyDueOn. No personal information: partner-readable.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...RECOMMENDATION_FACTS_REQUIRED, 'seriesTag', 'agencyKind', 'issuedAt'],
    properties: {
      ...recommendationFactsProperties,
      seriesTag: { anyOf: [{ type: 'integer', minimum: 1, maximum: 8 }, { type: 'null', nullable: true }] },
      agencyKind: { type: 'string', minLength: 1, maxLength: 100 },
      issuedAt: { type: 'string', format: 'date-time' },
    },
  },
});
