import {
  clueAccepted,
  clueAssigned,
  clueCaseOpened,
  clueClosedNoAction,
  clueRejected,
  clueRiskAssessed,
  clueSubmitted,
  clueTransferred,
  indicatorAlertRaised,
  petitionDeadlineApproaching,
  petitionDeadlineMissed,
  petitionReplied,
  recommendationOverdue,
  type AnyEventDefinition,
  type EventEnvelope,
  type IndicatorAlertRaisedData,
  type PetitionDeadlineApproachingData,
  type PetitionDeadlineMissedData,
  type PetitionRepliedData,
  type RecommendationOverdueData,
} from '@pgov/contracts';

export type LiveField = 'clueQueueChanged' | 'petitionDeadline' | 'indicatorAlertRaised' | 'recommendationOverdue';

/**
 * How the subscriber's view of an event's entity is fetched: a query root field and its arguments,
 * the subscriber's selection on `type`. `match` (alerts, which are no entity with a key): the
 * query answers a connection, and the node whose `field` equals `value` is the one.
 */
export interface EntityLookup {
  rootField: string;
  type: string;
  args: { name: string; type: string; value: unknown }[];
  match?: { field: string; value: string };
}

/** One Kafka event as the subscriptions see it: who may be told (district), what to say, what to fetch. */
export interface LiveEvent {
  field: LiveField;
  /** The jurisdiction the event belongs to (610100: the city's own). */
  districtCode: string;
  /** The payload's own fields; the entity field (payloadEntityField) is added per subscriber. */
  payload: Record<string, unknown>;
  lookup: EntityLookup;
}

const byId = (rootField: string, type: string, id: string): EntityLookup => ({ rootField, type, args: [{ name: 'id', type: 'ID!', value: id }] });

/** The field of each payload type that holds the fetched entity; null: the payload is the entity. */
export const PAYLOAD_ENTITY_FIELD: Record<LiveField, { payloadType: string; field: string | null }> = {
  clueQueueChanged: { payloadType: 'ClueQueueChange', field: 'clue' },
  petitionDeadline: { payloadType: 'PetitionDeadlineEvent', field: 'petition' },
  indicatorAlertRaised: { payloadType: 'IndicatorAlert', field: null },
  recommendationOverdue: { payloadType: 'RecommendationOverdue', field: 'recommendation' },
};

const CLUE_KINDS = new Map<AnyEventDefinition, string>([
  [clueSubmitted, 'SUBMITTED'],
  [clueAccepted, 'ACCEPTED'],
  [clueRejected, 'REJECTED'],
  [clueAssigned, 'ASSIGNED'],
  [clueTransferred, 'TRANSFERRED'],
  [clueCaseOpened, 'CASE_OPENED'],
  [clueClosedNoAction, 'CLOSED_NO_ACTION'],
  [clueRiskAssessed, 'RISK_ASSESSED'],
]);

/** Every event the subscriptions are fed by (their topics are the ones the gateway reads). */
export const LIVE_EVENTS: readonly AnyEventDefinition[] = [
  ...CLUE_KINDS.keys(),
  petitionDeadlineApproaching,
  petitionDeadlineMissed,
  petitionReplied,
  indicatorAlertRaised,
  recommendationOverdue,
];

type DeadlineData = PetitionDeadlineApproachingData | PetitionDeadlineMissedData | PetitionRepliedData;

/** A petitions.petition.v1 event as a PetitionDeadlineEvent: coming due, missed or replied (when, and whether on time); null for the others. */
function petitionDeadlineOf(envelope: EventEnvelope, definition: AnyEventDefinition): { kind: string; at: string; onTime: boolean | null; data: DeadlineData } | null {
  if (definition === petitionDeadlineApproaching) {
    const data = envelope.data as PetitionDeadlineApproachingData;
    return { kind: 'COMING_DUE', at: data.detectedAt, onTime: null, data };
  }
  if (definition === petitionDeadlineMissed) {
    const data = envelope.data as PetitionDeadlineMissedData;
    return { kind: 'MISSED', at: data.detectedAt, onTime: null, data };
  }
  if (definition === petitionReplied) {
    const data = envelope.data as PetitionRepliedData;
    return { kind: 'REPLIED', at: data.repliedAt, onTime: data.onTime, data };
  }
  return null;
}

/**
 * What an event means to the subscriptions (pure). Payloads carry ids, district, kind and times
 * only — never the informant (reporterMemberId) nor anything else the entity query would not show.
 */
export function toLiveEvent(envelope: EventEnvelope, definition: AnyEventDefinition): LiveEvent | null {
  const clueKind = CLUE_KINDS.get(definition);
  if (clueKind) {
    const data = envelope.data as { clueId: string; districtCode: string };
    return {
      field: 'clueQueueChanged',
      districtCode: data.districtCode,
      payload: { kind: clueKind, clueId: data.clueId, districtCode: data.districtCode, at: envelope.time },
      lookup: byId('clue', 'Clue', data.clueId),
    };
  }
  const deadline = petitionDeadlineOf(envelope, definition);
  if (deadline) {
    const { data } = deadline;
    return {
      field: 'petitionDeadline',
      districtCode: data.districtCode,
      payload: { kind: deadline.kind, reply: data.kind, dueAt: data.dueAt, at: deadline.at, onTime: deadline.onTime, petitionId: data.petitionId, districtCode: data.districtCode },
      lookup: byId('petition', 'Petition', data.petitionId),
    };
  }
  if (definition === recommendationOverdue) {
    const data = envelope.data as RecommendationOverdueData;
    return {
      field: 'recommendationOverdue',
      districtCode: data.districtCode,
      payload: { recommendationId: data.recommendationId, districtCode: data.districtCode, replyDueOn: data.replyDueOn, overdueAt: data.overdueAt },
      lookup: byId('recommendation', 'Recommendation', data.recommendationId),
    };
  }
  if (definition === indicatorAlertRaised) {
    const data = envelope.data as IndicatorAlertRaisedData;
    return {
      field: 'indicatorAlertRaised',
      districtCode: data.districtCode,
      payload: {},
      // Raised once per indicator, jurisdiction and period: the newest alerts of the indicator hold it.
      lookup: {
        rootField: 'indicatorAlerts',
        type: 'IndicatorAlert',
        args: [
          { name: 'districtCode', type: 'ID', value: data.districtCode },
          { name: 'indicatorCode', type: 'ID', value: data.indicatorCode },
          { name: 'periodKind', type: 'PeriodKind', value: data.periodKind },
          { name: 'first', type: 'Int', value: 10 },
        ],
        match: { field: 'period', value: data.period },
      },
    };
  }
  return null;
}
