import {
  buildEnvelope,
  recommendationChecked,
  recommendationEscalated,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  type DataOf,
  type EventDefinition,
  type RecommendationFacts,
  type RecommendationKind,
} from '@pgov/contracts';
import { enqueueEvent, type RawSql } from '@pgov/messaging';
import type { RecommendationTransition } from '../domain/recommendation-transition';
import { calendarDay, type RecommendationRow } from '../persistence/recommendation.repository';
import type { MarkedOverdue } from '../persistence/recommendation-sweep.repository';

/**
 * What the recommendation events say, written to the outbox through the transaction of the change
 * (clues.recommendation.v1, keyed by recommendation id). Partner-readable: the facts of the
 * recommendation only, never its clues nor who in the procuratorate acted.
 */
function publish<D extends EventDefinition<unknown, string>>(tx: RawSql, definition: D, facts: RecommendationFacts, data: DataOf<D>, at: Date) {
  return enqueueEvent(tx, definition, buildEnvelope(definition, { subject: facts.recommendationId, district: facts.districtCode, data }, { source: 'clues', time: at }));
}

function factsOf(r: { id: string; documentNumber: string; districtCode: string; kind: RecommendationKind; agencyName: string; replyDueOn: string }): RecommendationFacts {
  return { recommendationId: r.id, documentNumber: r.documentNumber, districtCode: r.districtCode, kind: r.kind, agencyName: r.agencyName, replyDueOn: r.replyDueOn };
}

const rowFacts = (row: RecommendationRow) => factsOf({ ...row, replyDueOn: calendarDay(row.replyDueOn) });

export function enqueueIssued(tx: RawSql, row: RecommendationRow): Promise<void> {
  const facts = rowFacts(row);
  return publish(tx, recommendationIssued, facts, { ...facts, seriesTag: row.seriesTag, agencyKind: row.agencyKind, issuedAt: row.issuedAt.toISOString() }, row.issuedAt);
}

export function enqueueOverdue(tx: RawSql, marked: MarkedOverdue, at: Date): Promise<void> {
  const facts = factsOf(marked);
  return publish(tx, recommendationOverdue, facts, { ...facts, overdueAt: at.toISOString() }, at);
}

export function enqueueChange(tx: RawSql, row: RecommendationRow, t: RecommendationTransition): Promise<void> {
  const facts = rowFacts(row);
  const when = t.at.toISOString();
  switch (t.change) {
    case 'REPLY':
      return publish(tx, recommendationReplied, facts, { ...facts, adoption: t.adoption, onTime: t.onTime, repliedAt: when }, t.at);
    case 'CHECK':
      return publish(tx, recommendationChecked, facts, { ...facts, rectified: t.rectified, checkedAt: when }, t.at);
    case 'ESCALATE':
      return publish(tx, recommendationEscalated, facts, { ...facts, escalatedAt: when }, t.at);
  }
}
