import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { w3cPropagator } from './propagation';

export interface TracingOptions {
  /** OTEL_SERVICE_NAME, else the program's name (gateway, clues, ...). */
  serviceName: string;
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT (base URL, e.g. http://collector:4318): spans are sent to
   * `<endpoint>/v1/traces`. Absent: no exporter at all, nothing leaves the machine; trace context
   * is still kept and carried (headers, envelopes), so logs and events of one request correlate.
   */
  otlpEndpoint?: string;
  /** Extra processors (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Whether spans are exported (an endpoint was configured). */
  readonly exporting: boolean;
  /** Sends what is pending and stops exporting (shutdown). */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * With something to consume spans (an endpoint, or test processors): registers the process's
 * tracer provider, context manager (AsyncLocalStorage: the active span follows async calls) and
 * W3C propagator. Without: registers nothing at all — measured with tools/bench/gateway.ts, the
 * context manager alone cost about 2.7 ms of CPU per dashboard request across the five programs
 * (19.6 → 16.9 ms), for traces nobody would receive. Once per process: later calls return the
 * first (several services in one test process share it).
 */
export function startTracing(options: TracingOptions): Tracing {
  if (started) return started;
  const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (processors.length === 0 && !options.otlpEndpoint) {
    started = { exporting: false, shutdown: async () => undefined };
    return started;
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(w3cPropagator);
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': options.serviceName }),
    spanProcessors: processors,
  });
  trace.setGlobalTracerProvider(provider);
  started = {
    exporting: !!options.otlpEndpoint,
    shutdown: () => provider.shutdown(),
  };
  return started;
}
