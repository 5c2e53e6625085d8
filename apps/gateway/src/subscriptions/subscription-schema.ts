import { extendSchema, parse, type GraphQLSchema } from 'graphql';

/**
 * The gateway's own part of the graph: subscriptions fed by the services' Kafka events. Payload
 * types name the federated entities (Clue, Petition, Recommendation, IndicatorAlert), whose fields
 * resolve as in any query: through the gateway, with the subscriber's token. An event whose entity
 * the subscriber could not read by query is not delivered to them.
 */
export const SUBSCRIPTION_SDL = /* GraphQL */ `
extend schema {
  subscription: Subscription
}

"Live updates. Over WebSocket (graphql-ws) or HTTP (multipart/mixed;subscriptionSpec=1.0, or text/event-stream) at /graphql."
type Subscription {
  "A clue of the district changed state (submitted, accepted, rejected, assigned, transferred, case opened, closed, risk assessed). Only clues the subscriber may read, as clue(id) answers them. A district's users: their own district only."
  clueQueueChanged(districtCode: ID!): ClueQueueChange!
  "A petition's reply deadline is coming due (its warning window opened without the reply), was missed, or a reply was sent: the deadline events the petitions service publishes."
  petitionDeadline(districtCode: ID!): PetitionDeadlineEvent!
  "An indicator's value crossed its target. districtCode: one jurisdiction (610100: the city as a whole); omitted: a district's users their own, the city's users every jurisdiction."
  indicatorAlertRaised(districtCode: ID): IndicatorAlert!
  "An issued recommendation passed its reply due date without a reply (announced once)."
  recommendationOverdue(districtCode: ID!): RecommendationOverdue!
}

enum ClueQueueChangeKind {
  SUBMITTED
  ACCEPTED
  REJECTED
  ASSIGNED
  TRANSFERRED
  CASE_OPENED
  CLOSED_NO_ACTION
  RISK_ASSESSED
}

type ClueQueueChange {
  kind: ClueQueueChangeKind!
  clueId: ID!
  districtCode: ID!
  "When it happened (ISO 8601)."
  at: String!
  "The clue as it is now, as clue(id) answers it for the subscriber."
  clue: Clue!
}

enum PetitionDeadlineEventKind {
  "The deadline is near and the reply is not in (by default 2 days before the procedural deadline, 15 days before the 3-month one; found by the petitions service's sweep, once per deadline)."
  COMING_DUE
  "The deadline passed without the reply (found by the petitions service's sweep)."
  MISSED
  "The reply was sent; onTime says whether it met the deadline."
  REPLIED
}

type PetitionDeadlineEvent {
  kind: PetitionDeadlineEventKind!
  "Which reply's deadline: PROCEDURAL (7 days), PROGRESS or RESULT (3 months)."
  reply: ReplyKind!
  dueAt: String!
  "When it was found coming due or missed (by the sweep), or replied."
  at: String!
  "REPLIED only: whether the reply met its deadline (null for COMING_DUE and MISSED)."
  onTime: Boolean
  petitionId: ID!
  districtCode: ID!
  "The petition as petition(id) answers it for the subscriber."
  petition: Petition!
}

type RecommendationOverdue {
  recommendationId: ID!
  districtCode: ID!
  "YYYY-MM-DD (China)."
  replyDueOn: String!
  overdueAt: String!
  "The recommendation as recommendation(id) answers it for the subscriber."
  recommendation: Recommendation!
}
`;

/** The API schema with the Subscription type: what subscriptions (and introspection over WebSocket) are validated against. */
export function buildLiveSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  const needed = ['Clue', 'Petition', 'Recommendation', 'IndicatorAlert', 'ReplyKind'].filter((name) => !apiSchema.getType(name));
  if (needed.length > 0) throw new Error(`the supergraph lacks types the Subscription schema needs: ${needed.join(', ')}`);
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL), { assumeValidSDL: false });
}
