import { defineEvent } from '../../define-event';
import { RECOMMENDATION_FACTS_REQUIRED, recommendationFactsProperties, type RecommendationFacts } from './recommendation-facts';

export interface RecommendationEscalatedData extends RecommendationFacts {
  escalatedAt: string;
}

export const recommendationEscalated = defineEvent<RecommendationEscalatedData>({
  type: 'clues.recommendation.escalated',
  version: 1,
  topic: 'clues.recommendation.v1',
  aggregate: 'recommendation',
  partnerReadable: true,
  description: "A recommendation that was not rectified was escalated to public-interest litigation (提起公益诉讼).",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...RECOMMENDATION_FACTS_REQUIRED, 'escalatedAt'],
    properties: {
      ...recommendationFactsProperties,
      escalatedAt: { type: 'string', format: 'date-time' },
    },
  },
});
