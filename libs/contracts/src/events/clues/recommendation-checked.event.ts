import { defineEvent } from '../../define-event';
import { RECOMMENDATION_FACTS_REQUIRED, recommendationFactsProperties, type RecommendationFacts } from './recommendation-facts';

export interface RecommendationCheckedData extends RecommendationFacts {
  /** The follow-up check (回头看) found the problem rectified. */
  rectified: boolean;
  checkedAt: string;
}

export const recommendationChecked = defineEvent<RecommendationCheckedData>({
  type: 'clues.recommendation.checked',
  version: 1,
  topic: 'clues.recommendation.v1',
  aggregate: 'recommendation',
  partnerReadable: true,
  description: "A follow-up check (回头看) recorded whether the agency rectified the problem.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...RECOMMENDATION_FACTS_REQUIRED, 'rectified', 'checkedAt'],
    properties: {
      ...recommendationFactsProperties,
      rectified: { type: 'boolean' },
      checkedAt: { type: 'string', format: 'date-time' },
    },
  },
});
