import { defineEvent } from '../../define-event';
import { RECOMMENDATION_FACTS_REQUIRED, recommendationFactsProperties, REPLY_ADOPTIONS, type RecommendationFacts, type ReplyAdoption } from './recommendation-facts';

export interface RecommendationRepliedData extends RecommendationFacts {
  adoption: ReplyAdoption;
  /** Whether the reply came by the due date. */
  onTime: boolean;
  repliedAt: string;
}

export const recommendationReplied = defineEvent<RecommendationRepliedData>({
  type: 'clues.recommendation.replied',
  version: 1,
  topic: 'clues.recommendation.v1',
  aggregate: 'recommendation',
  partnerReadable: true,
  description: "The agency replied in writing (adopted, partly adopted or not adopted).",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...RECOMMENDATION_FACTS_REQUIRED, 'adoption', 'onTime', 'repliedAt'],
    properties: {
      ...recommendationFactsProperties,
      adoption: { type: 'string', enum: REPLY_ADOPTIONS },
      onTime: { type: 'boolean' },
      repliedAt: { type: 'string', format: 'date-time' },
    },
  },
});
