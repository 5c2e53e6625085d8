import type { JsonSchema } from './json-schema';

/**
 * The one envelope every event travels in (Kafka message value, JSON). `subject` is the aggregate id
 * and is also the Kafka message key, so one aggregate's events stay in one partition, in order.
 */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  /** Unique per event (uuid); consumers de-duplicate on it. */
  id: string;
  /** `<service>.<entity>.<happened>`, e.g. `clues.clue.submitted`. */
  type: TType;
  /** Name of the producing service, e.g. `clues`. */
  source: string;
  /** Aggregate id; the Kafka key. */
  subject: string;
  /** When it happened, ISO 8601 with offset. */
  time: string;
  /** GB/T 2260 six-digit administrative division code (610100 = the whole city). */
  district: string;
  /** Version of the event's data schema (integer, from the definition). */
  schemaVersion: number;
  /** W3C trace context `traceparent` of the request that caused the event. */
  traceparent?: string;
  data: TData;
}

export const PATTERNS = {
  /** `<service>.<entity>.<happened>` */
  eventType: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$',
  /** A lower-case name segment: service, aggregate. */
  name: '^[a-z][a-z0-9-]*$',
  /** `<service>.<aggregate>.v<major>` */
  topic: '^([a-z][a-z0-9-]*)\\.([a-z][a-z0-9-]*)\\.v([1-9][0-9]*)$',
  /** GB/T 2260 code: six digits. */
  district: '^[1-9][0-9]{5}$',
  /** W3C trace context version-traceid-parentid-flags (lower-case hex, ids not all zero, version not ff). */
  traceparent: '^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$',
} as const;

const ENVELOPE_REQUIRED = ['id', 'type', 'source', 'subject', 'time', 'district', 'schemaVersion', 'data'];

function envelopeProperties(type: JsonSchema, schemaVersion: JsonSchema, data: JsonSchema): JsonSchema {
  return {
    id: { type: 'string', format: 'uuid', description: 'Unique event id; consumers de-duplicate on it.' },
    type,
    source: { type: 'string', pattern: PATTERNS.name, description: 'Producing service.' },
    subject: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Aggregate id; also the Kafka message key.',
    },
    time: { type: 'string', format: 'date-time', description: 'When it happened (ISO 8601 with offset).' },
    district: { type: 'string', pattern: PATTERNS.district, description: 'GB/T 2260 division code.' },
    schemaVersion,
    traceparent: { type: 'string', pattern: PATTERNS.traceparent, description: 'W3C trace context.' },
    data,
  };
}

/** The envelope of one event type and version, its `data` described by `dataSchema` (standard JSON Schema). */
export function envelopeSchemaFor(type: string, version: number, dataSchema: JsonSchema): JsonSchema {
  return {
    title: `${type} v${version}`,
    type: 'object',
    additionalProperties: false,
    required: ENVELOPE_REQUIRED,
    properties: envelopeProperties(
      { type: 'string', const: type },
      { type: 'integer', const: version },
      dataSchema,
    ),
  };
}

/** The envelope of any event (data: any object); for documentation and first-look checks. */
export const genericEnvelopeSchema: JsonSchema = {
  title: 'Event envelope',
  type: 'object',
  additionalProperties: false,
  required: ENVELOPE_REQUIRED,
  properties: envelopeProperties(
    { type: 'string', pattern: PATTERNS.eventType },
    { type: 'integer', minimum: 1 },
    { type: 'object', description: 'Event-specific payload; see the schema of each event type.' },
  ),
};
