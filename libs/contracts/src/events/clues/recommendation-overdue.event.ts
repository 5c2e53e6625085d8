import { defineEvent } from '../../define-event';
import { RECOMMENDATION_FACTS_REQUIRED, recommendationFactsProperties, type RecommendationFacts } from './recommendation-facts';

export interface RecommendationOverdueData extends RecommendationFacts {
  overdueAt: string;
}

export const recommendationOverdue = defineEvent<RecommendationOverdueData>({
  type: 'clues.recommendation.overdue',
  version: 1,
  topic: 'clues.recommendation.v1',
  aggregate: 'recommendation',
  partnerReadable: true,
  description: "An issued recommendation passed its reply due date without a reply: announced once, by the overdue sweep.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...RECOMMENDATION_FACTS_REQUIRED, 'overdueAt'],
    properties: {
      ...recommendationFactsProperties,
      overdueAt: { type: 'string', format: 'date-time' },
    },
  },
});
