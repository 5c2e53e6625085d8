import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { contextFromHeaders, contextFromTraceparent, currentTraceparent, injectTraceContext, inSpan, SpanKind, spanContextOf, startTracing, traceIdOf } from './index';

const exporter = new InMemorySpanExporter();
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

beforeAll(() => {
  startTracing({ serviceName: 'tracing-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
});
beforeEach(() => exporter.reset());

describe('trace context propagation', () => {
  it('continues a traceparent from headers (Node strings, Kafka Buffers, arrays)', () => {
    for (const headers of [{ traceparent: PARENT }, { traceparent: Buffer.from(PARENT) }, { traceparent: [PARENT] }]) {
      const spanContext = trace.getSpanContext(contextFromHeaders(headers));
      expect(spanContext).toMatchObject({ traceId: TRACE_ID, spanId: '00f067aa0ba902b7', isRemote: true });
    }
  });

  it('starts a new trace from an absent or malformed traceparent', () => {
    expect(trace.getSpanContext(contextFromHeaders(undefined))).toBeUndefined();
    expect(trace.getSpanContext(contextFromTraceparent('xyz'))).toBeUndefined();
    expect(spanContextOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
  });

  it('makes the span active inside inSpan: currentTraceparent and injected headers name it', async () => {
    expect(currentTraceparent()).toBeUndefined();
    const seen = await inSpan('work', { kind: SpanKind.SERVER, parent: contextFromTraceparent(PARENT) }, async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 1)); // across an async hop
      const headers: Record<string, string> = {};
      injectTraceContext((name, value) => (headers[name] = value));
      return { traceparent: currentTraceparent(), headers, spanId: span.spanContext().spanId };
    });
    expect(seen.traceparent).toBe(`00-${TRACE_ID}-${seen.spanId}-01`);
    expect(seen.headers['traceparent']).toBe(seen.traceparent);
    expect(traceIdOf(seen.traceparent)).toBe(TRACE_ID);
    const [finished] = exporter.getFinishedSpans();
    expect(finished).toMatchObject({ name: 'work', parentSpanId: '00f067aa0ba902b7' });
    expect(currentTraceparent()).toBeUndefined();
  });

  it('marks a span whose work throws as an error and rethrows', async () => {
    await expect(inSpan('fails', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0]!.status).toMatchObject({ code: 2, message: 'boom' });
  });

  it('is only started once per process', () => {
    const again = startTracing({ serviceName: 'other' });
    expect(again.exporting).toBe(false);
    expect(trace.getSpan(context.active())).toBeUndefined();
  });
});
