import {
  recommendationChecked,
  recommendationEscalated,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  type RecommendationFacts,
} from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { isFirst, recommendationContributions, type RecommendationFactState } from '../domain/recommendation-contributions';
import { recommendationFactRepository as facts } from '../persistence/recommendation-fact.repository';
import { applyFactChange, type ValueChangeOptions } from '../services/value-changes';

type Tx = Prisma.TransactionClient;

/**
 * Locks the recommendation's fact, applies `patch` (given the fact as it is), takes the
 * recommendation's facts from the event (the latest say), and moves the values by the difference.
 */
async function change(
  tx: Tx,
  r: RecommendationFacts,
  patch: (f: RecommendationFactState) => Partial<RecommendationFactState>,
  options: ValueChangeOptions,
) {
  const before = await facts.lock(tx, r);
  const after: RecommendationFactState = {
    ...before,
    ...patch(before),
    districtCode: r.districtCode,
    documentNumber: r.documentNumber,
    agencyName: r.agencyName,
    replyDueOn: r.replyDueOn,
  };
  await facts.save(tx, after);
  // An empty row (first event) has no instants set and contributes nothing.
  await applyFactChange(tx, recommendationContributions(before), recommendationContributions(after), options);
}

/** The first instant of each step stands (see isFirst): order-independent, and a repeat changes nothing. */
const first =
  (key: 'issuedAt' | 'overdueAt' | 'repliedAt' | 'checkedAt' | 'escalatedAt', at: Date, rest: Partial<RecommendationFactState> = {}) =>
  (f: RecommendationFactState): Partial<RecommendationFactState> =>
    isFirst(at, f[key]) ? { [key]: at, ...rest } : {};

/** clues.recommendation.v1 → recommendation_fact → the four recommendation indicators. */
export function recommendationHandlers(options: ValueChangeOptions) {
  return [
    on(recommendationIssued, (e, tx: Tx) => change(tx, e.data, first('issuedAt', new Date(e.data.issuedAt)), options)),
    on(recommendationOverdue, (e, tx: Tx) => change(tx, e.data, first('overdueAt', new Date(e.data.overdueAt)), options)),
    on(recommendationReplied, (e, tx: Tx) =>
      change(tx, e.data, first('repliedAt', new Date(e.data.repliedAt), { repliedOnTime: e.data.onTime, adoption: e.data.adoption }), options),
    ),
    on(recommendationChecked, (e, tx: Tx) => change(tx, e.data, first('checkedAt', new Date(e.data.checkedAt), { rectified: e.data.rectified }), options)),
    on(recommendationEscalated, (e, tx: Tx) => change(tx, e.data, first('escalatedAt', new Date(e.data.escalatedAt)), options)),
  ];
}
