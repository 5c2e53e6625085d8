/**
 * Who may do what on the broker: each Kafka principal's topics and consumer groups, and the one
 * derivation from that to ACLs. The broker's ACLs (tools/kafka), the Strimzi KafkaUsers (infra/) and
 * the AsyncAPI document's security section are all made from these declarations.
 */
import { dlqTopicOf } from './define-event';

export type AclOperation = 'Read' | 'Write' | 'Describe' | 'Delete';

export interface Acl {
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' | 'prefix' };
  operations: AclOperation[];
}

export interface GroupAccess {
  /** A group id, or the start of every group id when patternType is 'prefix'. */
  name: string;
  patternType: 'literal' | 'prefix';
  /** Read joins and commits; Delete removes the group (short-lived groups clean up after themselves). */
  operations: readonly ('Read' | 'Delete')[];
}

/** A principal's access as declared: topics it writes and reads (logical names) and its groups. */
export interface KafkaAccess {
  principal: string;
  kind: 'service' | 'partner';
  writes: readonly string[];
  reads: readonly string[];
  groups: readonly GroupAccess[];
  /**
   * Whether it uses the dead-letter topics of what it touches (libs/messaging's relay and consumer):
   * services do; a live reader that only skips (the gateway) and partners do not.
   */
  deadLetters: boolean;
}

/**
 * Written topics: Write, Describe; read topics: Read, Describe. With `deadLetters`: the DLQ of a
 * written topic Describe (ensureTopics checks it exists), of a read topic Write and Describe (the
 * consumer dead-letters there). Partners never touch DLQs: what they send that is invalid is the
 * platform's to triage. No Create anywhere: topics are made by the operator (Strimzi's Topic
 * Operator; tools/kafka locally). Groups as declared. `namespace` prefixes every topic and group
 * (tests on a shared broker).
 */
export function aclsOf(access: KafkaAccess, { namespace = '' }: { namespace?: string } = {}): Acl[] {
  const { deadLetters } = access;
  const topics = new Map<string, Set<AclOperation>>();
  const grant = (topic: string, ...operations: AclOperation[]) => {
    const set = topics.get(topic) ?? new Set<AclOperation>();
    for (const operation of operations) set.add(operation);
    topics.set(topic, set);
  };
  for (const topic of access.writes) {
    grant(topic, 'Describe', 'Write');
    if (deadLetters) grant(dlqTopicOf(topic), 'Describe');
  }
  for (const topic of access.reads) {
    grant(topic, 'Describe', 'Read');
    if (deadLetters) grant(dlqTopicOf(topic), 'Describe', 'Write');
  }
  const topicAcls: Acl[] = [...topics.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, operations]) => ({ resource: { type: 'topic', name: namespace + name, patternType: 'literal' }, operations: [...operations].sort() }));
  const groupAcls: Acl[] = access.groups.map((group) => ({
    resource: { type: 'group', name: namespace + group.name, patternType: group.patternType },
    operations: [...group.operations].sort(),
  }));
  return [...topicAcls, ...groupAcls];
}
