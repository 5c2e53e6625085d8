import { context, trace, ROOT_CONTEXT, type Context, type SpanContext, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** W3C trace context only (traceparent, tracestate): what the envelope, Kafka and subgraph calls carry. */
export const w3cPropagator = new W3CTraceContextPropagator();

type HeaderBag = Record<string, string | string[] | Buffer | (string | Buffer)[] | undefined>;

/** Reads Node/Kafka-style header objects (lower-case names, values possibly Buffers or arrays). */
const headerGetter: TextMapGetter<HeaderBag> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/**
 * The context a traceparent (and tracestate) continues, as a remote parent under `base` (default: an
 * empty context, so that a message's own trace wins over whatever the caller was doing). An absent or
 * malformed traceparent yields `base` unchanged: a new trace starts there.
 */
export function contextFromHeaders(headers: HeaderBag | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!headers) return base;
  return w3cPropagator.extract(base, headers, headerGetter);
}

/** contextFromHeaders for a bare traceparent (an event envelope's). */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  return traceparent ? contextFromHeaders({ traceparent }, base) : base;
}

/** Sets traceparent (and tracestate) of `ctx` (default: the active context) through `set`; nothing when no span is there. */
export function injectTraceContext(set: (name: string, value: string) => void, ctx: Context = context.active()): void {
  const carrier: Record<string, string> = {};
  w3cPropagator.inject(ctx, carrier, { set: (c, k, v) => (c[k] = v) });
  for (const [name, value] of Object.entries(carrier)) set(name, value);
}

/** The active span's traceparent, or undefined when there is none (tracing not started, or outside any span). */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const spanContext = trace.getSpanContext(ctx);
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  let traceparent: string | undefined;
  injectTraceContext((name, value) => {
    if (name === 'traceparent') traceparent = value;
  }, ctx);
  return traceparent;
}

/** The trace id of a traceparent (32 hex), or undefined when it is not one. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '')?.[1];
}

/** The span context a traceparent names (for links), or undefined when it is not a valid one. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const spanContext = trace.getSpanContext(contextFromTraceparent(traceparent));
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}
