import {
  recommendationChecked,
  recommendationEscalated,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  type RecommendationFacts,
} from '@pgov/contracts';
import { isFirst, recommendationContributions, type RecommendationFactState } from '../domain/recommendation-contributions';
import { recommendationFacts } from '../persistence/recommendation-fact.repository';
import { factChange, type FactKind } from '../services/fact-changes';

const recommendation: FactKind<RecommendationFactState> = { table: recommendationFacts, contributions: recommendationContributions };
const seed = (r: RecommendationFacts) => ({
  recommendationId: r.recommendationId,
  districtCode: r.districtCode,
  documentNumber: r.documentNumber,
  agencyName: r.agencyName,
  replyDueOn: r.replyDueOn,
});

/**
 * Applies `patch` (given the fact as it is) and takes the recommendation's facts from the event
 * (the latest say). An empty row (first event) has no instants set and contributes nothing.
 */
const fold = (f: RecommendationFactState, r: RecommendationFacts, patch: (f: RecommendationFactState) => Partial<RecommendationFactState>): RecommendationFactState => ({
  ...f,
  ...patch(f),
  districtCode: r.districtCode,
  documentNumber: r.documentNumber,
  agencyName: r.agencyName,
  replyDueOn: r.replyDueOn,
});

/** The first instant of each step stands (see isFirst): order-independent, and a repeat changes nothing. */
const first =
  (key: 'issuedAt' | 'overdueAt' | 'repliedAt' | 'checkedAt' | 'escalatedAt', at: Date, rest: Partial<RecommendationFactState> = {}) =>
  (f: RecommendationFactState): Partial<RecommendationFactState> =>
    isFirst(at, f[key]) ? { [key]: at, ...rest } : {};

/** clues.recommendation.v1 → recommendation_fact → the four recommendation indicators. */
export const recommendationFactChanges = [
  factChange(recommendation, recommendationIssued, (e) => seed(e.data), (f, e) => fold(f, e.data, first('issuedAt', new Date(e.data.issuedAt)))),
  factChange(recommendation, recommendationOverdue, (e) => seed(e.data), (f, e) => fold(f, e.data, first('overdueAt', new Date(e.data.overdueAt)))),
  factChange(recommendation, recommendationReplied, (e) => seed(e.data), (f, e) =>
    fold(f, e.data, first('repliedAt', new Date(e.data.repliedAt), { repliedOnTime: e.data.onTime, adoption: e.data.adoption })),
  ),
  factChange(recommendation, recommendationChecked, (e) => seed(e.data), (f, e) => fold(f, e.data, first('checkedAt', new Date(e.data.checkedAt), { rectified: e.data.rectified }))),
  factChange(recommendation, recommendationEscalated, (e) => seed(e.data), (f, e) => fold(f, e.data, first('escalatedAt', new Date(e.data.escalatedAt)))),
];
