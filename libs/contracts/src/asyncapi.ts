import type { AnyEventDefinition } from './define-event';
import { genericEnvelopeSchema, PATTERNS } from './envelope';
import type { JsonSchema } from './json-schema';
import { PARTNERS, partnerGroupPrefix } from './partners';
import { allEvents, allTopics } from './registry';
import { retentionMs, TOPIC_RETENTION_DAYS } from './topic-retention';

/** Version of the published event catalogue document; bump when a contract changes. */
export const ASYNCAPI_INFO_VERSION = '1.0.0';

const KAFKA_BINDING_VERSION = '0.5.0';

export function messageId(def: AnyEventDefinition): string {
  return `${def.type}.v${def.version}`;
}

function eventHeaders(def: AnyEventDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['event-type', 'event-id', 'schema-version'],
    properties: {
      'event-type': { type: 'string', const: def.type },
      'event-id': { type: 'string', format: 'uuid', description: 'Same as the envelope id.' },
      'schema-version': { type: 'string', const: String(def.version) },
      traceparent: { type: 'string', pattern: PATTERNS.traceparent, description: 'W3C trace context, when known.' },
    },
  };
}

const deadLetterHeaders: JsonSchema = {
  type: 'object',
  description: 'The original headers, plus:',
  required: ['dlq-reason', 'dlq-original-topic', 'dlq-original-partition', 'dlq-original-offset'],
  properties: {
    'dlq-reason': { type: 'string', description: 'Why the message could not be processed.' },
    'dlq-original-topic': { type: 'string' },
    'dlq-original-partition': { type: 'string' },
    'dlq-original-offset': { type: 'string' },
    'dlq-consumer-group': { type: 'string', description: 'The consumer group that gave up on it.' },
    'dlq-failed-at': { type: 'string', format: 'date-time' },
  },
};

function topicDescription(topic: string, defs: AnyEventDefinition[]): string {
  const [first] = defs;
  const readable = defs.every((def) => def.partnerReadable);
  return [
    `Events of the ${first?.aggregate ?? ''} aggregate of the ${first?.service ?? ''} service.`,
    'Message key: the aggregate id (envelope subject), so one aggregate stays in order on one partition.',
    readable
      ? 'Partner-readable: carries no personal information.'
      : 'Internal: carries personal information; never granted to partner agencies.',
    `Messages a consumer cannot process go to ${topic}.dlq.`,
    `Retention: ${TOPIC_RETENTION_DAYS.events} days (dead letters: ${TOPIC_RETENTION_DAYS.deadLetters} days).`,
  ].join(' ');
}

/**
 * The AsyncAPI 3.0 document of every event contract: one channel per topic (and its dead-letter
 * topic), one message per event type and version, payloads from the same JSON Schemas that validate.
 * Deterministic (no timestamps), so the checked-in file can be compared with it.
 */
export function buildAsyncApi(definitions: readonly AnyEventDefinition[] = allEvents): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  const sorted = [...definitions].sort((a, b) => messageId(a).localeCompare(messageId(b)));
  for (const def of sorted) {
    messages[messageId(def)] = {
      name: def.type,
      title: `${def.type} v${def.version}`,
      summary: def.description,
      contentType: 'application/json',
      headers: eventHeaders(def),
      payload: def.envelopeSchema,
      bindings: {
        kafka: {
          key: { type: 'string', description: `${def.aggregate} id (envelope subject)` },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
      'x-schema-version': def.version,
      'x-partner-readable': def.partnerReadable,
    };
  }
  messages['DeadLetter'] = {
    name: 'dead-letter',
    title: 'Dead letter',
    summary: 'A message a consumer could not process: the original key and value (unchanged, maybe not JSON).',
    headers: deadLetterHeaders,
    payload: { description: 'The original message value, byte for byte.' },
  };

  for (const topic of allTopics(definitions)) {
    const defs = sorted.filter((def) => def.topic === topic);
    const refs = Object.fromEntries(
      defs.map((def) => [messageId(def), { $ref: `#/components/messages/${messageId(def)}` }]),
    );
    channels[topic] = {
      address: topic,
      title: topic,
      description: topicDescription(topic, defs),
      messages: refs,
      bindings: { kafka: { topic, topicConfiguration: { 'retention.ms': retentionMs(TOPIC_RETENTION_DAYS.events), 'cleanup.policy': ['delete'] }, bindingVersion: KAFKA_BINDING_VERSION } },
      'x-partner-readable': defs.every((def) => def.partnerReadable),
    };
    const dlq = `${topic}.dlq`;
    channels[dlq] = {
      address: dlq,
      title: dlq,
      description: `Dead letters of ${topic}. Internal.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
      bindings: { kafka: { topic: dlq, topicConfiguration: { 'retention.ms': retentionMs(TOPIC_RETENTION_DAYS.deadLetters), 'cleanup.policy': ['delete'] }, bindingVersion: KAFKA_BINDING_VERSION } },
      'x-partner-readable': false,
    };
    const producer = defs[0]?.service ?? '';
    operations[`${producer}-sends-${topic.replace(/\./g, '-')}`] = {
      action: 'send',
      title: `${producer} publishes ${topic}`,
      summary: `Published by the ${producer} service through its transactional outbox.`,
      channel: { $ref: `#/channels/${topic}` },
      messages: defs.map((def) => ({ $ref: `#/channels/${topic}/messages/${messageId(def)}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Procuratorate governance platform events',
      version: ASYNCAPI_INFO_VERSION,
      description:
        'Events the services publish on Kafka. Every message value is one JSON envelope ' +
        '(components.schemas.EventEnvelope) whose data is described per event type; the key is the aggregate id.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: { EventEnvelope: genericEnvelopeSchema },
      messages,
      securitySchemes: {
        partnerScram: {
          type: 'scramSha512',
          description:
            'Partners connect over TLS (SASL_SSL) with SCRAM-SHA-512 as their own principal (x-partners); the broker ' +
            'authorizes by ACL and denies whatever no ACL allows. Services use their own principals inside the cluster.',
        },
      },
    },
    'x-partners': partnersSection(),
  };
}

/** Who may read and write what: libs/contracts/src/partners.ts, as the broker's ACLs grant it. */
function partnersSection(): Record<string, unknown> {
  return Object.fromEntries(
    PARTNERS.map((partner) => [
      partner.principal,
      {
        description: partner.description,
        security: [{ $ref: '#/components/securitySchemes/partnerScram' }],
        reads: partner.reads.map((topic) => ({ $ref: `#/channels/${topic}` })),
        writes: partner.writes.map((topic) => ({ $ref: `#/channels/${topic}` })),
        consumerGroups: `${partnerGroupPrefix(partner)}*`,
      },
    ]),
  );
}

/** The document as written to libs/contracts/asyncapi.json. */
export function renderAsyncApi(definitions: readonly AnyEventDefinition[] = allEvents): string {
  return `${JSON.stringify(buildAsyncApi(definitions), null, 2)}\n`;
}
