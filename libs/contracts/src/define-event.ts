import type { JSONSchemaType } from 'ajv';
import { compiledFor } from './ajv';
import { envelopeSchemaFor, PATTERNS, type EventEnvelope } from './envelope';
import { openObjectSchemas, toStandardJsonSchema, type JsonSchema } from './json-schema';

declare const dataType: unique symbol;

/** What an event contract says; producers and consumers import this object, never a type string. */
export interface EventDefinition<TData = unknown, TType extends string = string> {
  /** `<service>.<entity>.<happened>` */
  readonly type: TType;
  /** Version of the data schema; travels as `schemaVersion`. */
  readonly version: number;
  /** `<service>.<aggregate>.v<major>` */
  readonly topic: string;
  /** `<topic>.dlq` */
  readonly dlqTopic: string;
  /** Producing service (first segment of type and topic). */
  readonly service: string;
  /** The aggregate whose id is the envelope subject and the Kafka key. */
  readonly aggregate: string;
  /** Whether partner agencies may read it: only events without personal information. */
  readonly partnerReadable: boolean;
  readonly description: string;
  /** Standard JSON Schema of `data`. */
  readonly dataSchema: JsonSchema;
  /** Standard JSON Schema of the whole envelope with this data. */
  readonly envelopeSchema: JsonSchema;
  /** Type-level only: the data type. */
  readonly [dataType]?: TData;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventDefinition = EventDefinition<any, string>;
export type DataOf<D> = D extends EventDefinition<infer T, string> ? T : never;
export type EnvelopeOf<D> = D extends EventDefinition<infer T, infer K> ? EventEnvelope<T, K> : never;

export interface EventSpec<TData, TType extends string> {
  type: TType;
  version: number;
  topic: string;
  aggregate: string;
  partnerReadable: boolean;
  description: string;
  /**
   * Checked by the compiler against TData. Spell `T | null` as
   * `anyOf: [<schema of T>, { type: 'null', nullable: true }]` (published as `type: [..., 'null']`).
   */
  dataSchema: JSONSchemaType<TData>;
}

/** Thrown at import time when a definition breaks the naming or schema rules. */
export class EventDefinitionError extends Error {
  constructor(type: string, problems: string[]) {
    super(`event definition ${type}: ${problems.join('; ')}`);
    this.name = 'EventDefinitionError';
  }
}

export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * Declares one event type and version. Checks the naming rules (`<service>.<entity>.<happened>` on
 * topic `<service>.<aggregate>.v<major>`), requires `additionalProperties: false` on every object,
 * and compiles the envelope validator once.
 */
export function defineEvent<TData, TType extends string = string>(
  spec: EventSpec<TData, TType>,
): EventDefinition<TData, TType> {
  const problems: string[] = [];
  const service = spec.type.split('.')[0] ?? '';
  if (!new RegExp(PATTERNS.eventType).test(spec.type)) {
    problems.push('type must look like <service>.<entity>.<happened> (lower case)');
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) problems.push('version must be a positive integer');
  if (!new RegExp(PATTERNS.name).test(spec.aggregate)) problems.push('aggregate must be a lower-case name');
  const topic = new RegExp(PATTERNS.topic).exec(spec.topic);
  if (!topic) {
    problems.push(`topic "${spec.topic}" must look like <service>.<aggregate>.v<major>`);
  } else if (topic[1] !== service || topic[2] !== spec.aggregate) {
    problems.push(`topic "${spec.topic}" must be ${service}.${spec.aggregate}.v<major>`);
  }
  if (spec.description.trim() === '') problems.push('description is required');
  const dataSchema = toStandardJsonSchema(spec.dataSchema as JsonSchema);
  if (dataSchema['type'] !== 'object') problems.push('dataSchema must describe an object');
  for (const pointer of openObjectSchemas(dataSchema)) {
    problems.push(`dataSchema ${pointer} must set additionalProperties: false`);
  }
  if (problems.length > 0) throw new EventDefinitionError(spec.type, problems);

  const definition: EventDefinition<TData, TType> = Object.freeze({
    type: spec.type,
    version: spec.version,
    topic: spec.topic,
    dlqTopic: dlqTopicOf(spec.topic),
    service,
    aggregate: spec.aggregate,
    partnerReadable: spec.partnerReadable,
    description: spec.description,
    dataSchema,
    envelopeSchema: envelopeSchemaFor(spec.type, spec.version, dataSchema),
  });
  compiledFor(definition, definition.envelopeSchema);
  return definition;
}
