import { randomUUID } from 'node:crypto';
import { compiledFor, describeErrors, tolerantAjv } from './ajv';
import type { DataOf, EnvelopeOf, EventDefinition } from './define-event';

export type EnvelopeValidation<D> = { ok: true; envelope: EnvelopeOf<D> } | { ok: false; errors: string[] };

/** Checks `value` (parsed JSON) against the definition's envelope + data schema; unknown fields fail. */
export function validateEnvelope<D extends EventDefinition<unknown, string>>(
  definition: D,
  value: unknown,
): EnvelopeValidation<D> {
  const validate = compiledFor(definition, definition.envelopeSchema);
  if (validate(value)) return { ok: true, envelope: value as EnvelopeOf<D> };
  return { ok: false, errors: describeErrors(validate.errors) };
}

/**
 * Checks `value` (parsed JSON, changed in place) as a consumer reads it: properties the definition
 * does not know are removed first (a newer producer's additive change), the rest as validateEnvelope.
 * Producers keep validateEnvelope: they must never send what their contract does not say.
 */
export function readEnvelope<D extends EventDefinition<unknown, string>>(
  definition: D,
  value: unknown,
): EnvelopeValidation<D> {
  const validate = compiledFor(definition, definition.envelopeSchema, tolerantAjv);
  if (validate(value)) return { ok: true, envelope: value as EnvelopeOf<D> };
  return { ok: false, errors: describeErrors(validate.errors) };
}

/** Thrown by buildEnvelope when the event would break its contract. */
export class EventContractError extends Error {
  constructor(
    readonly eventType: string,
    readonly errors: string[],
  ) {
    super(`${eventType} breaks its contract: ${errors.join('; ')}`);
    this.name = 'EventContractError';
  }
}

export interface EnvelopeContent<TData> {
  /** Aggregate id (also the Kafka key). */
  subject: string;
  district: string;
  data: TData;
  traceparent?: string;
}

export interface EnvelopeOrigin {
  /** Producing service name. */
  source: string;
  /** Defaults to a random uuid. */
  id?: string;
  /** Defaults to now. */
  time?: Date | string;
}

/** Builds a valid envelope for `definition` or throws EventContractError listing every problem. */
export function buildEnvelope<D extends EventDefinition<unknown, string>>(
  definition: D,
  content: EnvelopeContent<DataOf<D>>,
  origin: EnvelopeOrigin,
): EnvelopeOf<D> {
  const time = origin.time ?? new Date();
  const envelope = {
    id: origin.id ?? randomUUID(),
    type: definition.type,
    source: origin.source,
    subject: content.subject,
    time: typeof time === 'string' ? time : time.toISOString(),
    district: content.district,
    schemaVersion: definition.version,
    ...(content.traceparent === undefined ? {} : { traceparent: content.traceparent }),
    data: content.data,
  };
  const result = validateEnvelope(definition, envelope);
  if (!result.ok) throw new EventContractError(definition.type, result.errors);
  return result.envelope;
}
