import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';

/** One tracer for the platform's own spans (Apollo's gateway has its own, under the same provider). */
export const tracer = () => trace.getTracer('@pgov/tracing');

export { SpanKind };

export interface SpanOptions {
  kind?: SpanKind;
  /** Parent context (a remote traceparent's, see contextFromHeaders); default: the active context. */
  parent?: Context;
  attributes?: Attributes;
  /** Other traces this span belongs to as well (a run of events from several requests). */
  links?: Link[];
}

/**
 * Runs `fn` inside a new span, made the active one, so spans, subgraph calls and outbox events
 * started within become its children. A throw marks the span as an error and is rethrown.
 * Without a started provider (startTracing) this is the API's no-op: fn runs as it is.
 */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}), ...(options.links ? { links: options.links } : {}) },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A span made active for code that continues through callbacks rather than one promise (Express's
 * next()): `run` calls fn inside it; the caller ends the span (e.g. when the response closes).
 */
export function enterSpan(name: string, options: SpanOptions): { span: Span; run<T>(fn: () => T): T } {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) }, parent);
  const active = trace.setSpan(parent, span);
  return { span, run: (fn) => context.with(active, fn) };
}
