import type { EventEnvelope } from '@pgov/contracts';
import { contextFromTraceparent, inSpan, spanContextOf, SpanKind, traceIdOf } from '@pgov/tracing';
import { HEADERS, headerText } from './headers';
import type { IncomingMessage } from './consumer';

/** The traceparent an event continues: its envelope's, else the Kafka header's (a partner's message). */
const traceparentOf = (message: IncomingMessage, envelope: EventEnvelope): string | undefined =>
  envelope.traceparent ?? headerText(message.headers, HEADERS.traceparent);

const attributes = (consumer: string, message: IncomingMessage) => ({
  'messaging.system': 'kafka',
  'messaging.destination.name': message.topic,
  'messaging.consumer.group.name': consumer,
  'messaging.kafka.destination.partition': message.partition,
  'messaging.kafka.message.offset': message.offset,
});

/**
 * One consumer span per event, a child of the request (or event) that caused it: the handler runs
 * inside it, so its statements and the events it enqueues (enqueueEvent reads the active span)
 * stay in that trace.
 */
export function inEventSpan<T>(consumer: string, message: IncomingMessage, envelope: EventEnvelope, fn: () => Promise<T>): Promise<T> {
  return inSpan(
    `process ${envelope.type}`,
    { kind: SpanKind.CONSUMER, parent: contextFromTraceparent(traceparentOf(message, envelope)), attributes: { ...attributes(consumer, message), 'messaging.message.id': envelope.id } },
    () => fn(),
  );
}

/**
 * The span of a run's one transaction (processBatch), around the per-event spans and the run's
 * hooks (e.g. the indicators' values and alerts, written once per run). Its parent is the events'
 * trace when they all share one (a run of one event, the common case at low traffic), so what the
 * hooks enqueue joins that trace; otherwise it starts its own trace, linked to each event's.
 */
export function inRunSpan<T>(consumer: string, items: readonly { message: IncomingMessage; envelope: EventEnvelope }[], fn: () => Promise<T>): Promise<T> {
  const traceparents = items.map((i) => traceparentOf(i.message, i.envelope));
  const traceIds = new Set(traceparents.map(traceIdOf));
  const shared = traceIds.size === 1 && !traceIds.has(undefined) ? traceparents[0] : undefined;
  const links = shared ? [] : traceparents.flatMap((t) => {
    const spanContext = spanContextOf(t);
    return spanContext ? [{ context: spanContext }] : [];
  });
  const first = items[0]!.message;
  return inSpan(
    `process run ${first.topic}`,
    { kind: SpanKind.CONSUMER, parent: contextFromTraceparent(shared), links, attributes: { ...attributes(consumer, first), 'messaging.batch.message_count': items.length } },
    () => fn(),
  );
}
