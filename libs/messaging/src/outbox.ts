import {
  EventContractError,
  validateEnvelope,
  type EnvelopeOf,
  type EventDefinition,
} from '@pgov/contracts';
import { currentTraceparent } from '@pgov/tracing';
import type { RawSql } from './db';

/**
 * Writes `envelope` to the outbox through `tx`: call it with the interactive-transaction client
 * that writes the state change, so both commit or neither does. Validates against the contract
 * first (throws EventContractError). The relay publishes the row later, keyed by envelope.subject.
 * An envelope without a traceparent gets the active span's (the request or event being handled),
 * so that every event joins the trace that caused it without each service passing it along.
 */
export async function enqueueEvent<D extends EventDefinition<unknown, string>>(
  tx: RawSql,
  definition: D,
  given: EnvelopeOf<D>,
): Promise<void> {
  const row = outboxRow(definition, given);
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox_event (id, topic, key, type, envelope) VALUES ($1::uuid, $2, $3, $4, $5::jsonb)',
    row.id,
    row.topic,
    row.key,
    row.type,
    row.envelope,
  );
}

/** An outbox_event row's values (envelope: the JSON text), as enqueueEvent writes them. */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  envelope: string;
}

/**
 * The outbox row of an event, validated against its contract and joined to the active trace, for
 * a service that writes it inside a statement of its own (one round trip with the state change,
 * on a hot path); anywhere else, enqueueEvent.
 */
export function outboxRow<D extends EventDefinition<unknown, string>>(definition: D, given: EnvelopeOf<D>): OutboxRow {
  const traceparent = given.traceparent ?? currentTraceparent();
  const envelope = traceparent && !given.traceparent ? { ...given, traceparent } : given;
  const result = validateEnvelope(definition, envelope);
  if (!result.ok) throw new EventContractError(definition.type, result.errors);
  return { id: envelope.id, topic: definition.topic, key: envelope.subject, type: definition.type, envelope: JSON.stringify(envelope) };
}

/** Deletes outbox rows published before `before` (run it now and then; returns the count). */
export async function deletePublishedEvents(db: RawSql, before: Date): Promise<number> {
  const deleted = await db.$executeRawUnsafe(
    'DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1::timestamptz',
    before.toISOString(),
  );
  return Number(deleted);
}
