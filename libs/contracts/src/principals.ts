/**
 * The platform's own Kafka principals and their topics: the wiring contract of each program.
 * infra/test/manifests.spec.ts checks each service's entry against what its code hands
 * createDomainService (and the gateway's against its live events), so a new publish or handler
 * fails there until it is declared here — and then the broker's ACLs and KafkaUsers follow.
 */
import type { KafkaAccess } from './kafka-access';

/** A service's own consumer group is its name (libs/subgraph-server). */
const ownGroup = (name: string) => ({ name, patternType: 'literal', operations: ['Read'] }) as const;

export const SERVICE_ACCESS: readonly KafkaAccess[] = Object.freeze([
  {
    principal: 'grids',
    kind: 'service',
    deadLetters: true,
    writes: ['grids.hierarchy.v1', 'grids.member.v1', 'grids.training.v1'],
    reads: ['clues.clue.v1'],
    groups: [ownGroup('grids')],
  },
  {
    principal: 'clues',
    kind: 'service',
    deadLetters: true,
    writes: ['clues.clue.v1', 'clues.recommendation.v1'],
    reads: ['corrections.person.v1', 'gridcentre.referral.v1', 'petitions.referral.v1'],
    groups: [ownGroup('clues')],
  },
  {
    principal: 'petitions',
    kind: 'service',
    deadLetters: true,
    writes: ['petitions.hearing.v1', 'petitions.petition.v1', 'petitions.referral.v1'],
    reads: [],
    groups: [],
  },
  {
    principal: 'indicators',
    kind: 'service',
    deadLetters: true,
    writes: ['indicators.alert.v1'],
    reads: [
      'clues.clue.v1',
      'clues.recommendation.v1',
      'grids.hierarchy.v1',
      'grids.member.v1',
      'petitions.hearing.v1',
      'petitions.petition.v1',
    ],
    // The replay tool (apps/indicators/src/replay) reads in a fresh group and deletes it when done.
    groups: [ownGroup('indicators'), { name: 'indicators-replay-', patternType: 'prefix', operations: ['Delete', 'Read'] }],
  },
  {
    // The live subscriptions' feed: skips what it cannot read (no DLQ); one group per instance,
    // deleted when the instance stops.
    principal: 'gateway',
    kind: 'service',
    deadLetters: false,
    writes: [],
    reads: ['clues.clue.v1', 'clues.recommendation.v1', 'indicators.alert.v1', 'petitions.petition.v1'],
    groups: [{ name: 'gateway-live-', patternType: 'prefix', operations: ['Delete', 'Read'] }],
  },
]);
