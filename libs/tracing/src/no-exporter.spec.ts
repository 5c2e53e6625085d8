import { context, trace } from '@opentelemetry/api';
import { contextFromTraceparent, currentTraceparent, inSpan, startTracing } from './index';

// A program without OTEL_EXPORTER_OTLP_ENDPOINT (the default): nothing is registered — no provider,
// no context manager (it cost ~2.7 ms per dashboard request) — and spans are the API's no-ops.
const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

it('registers nothing without an endpoint: spans do not record and no context is kept across calls', async () => {
  expect(startTracing({ serviceName: 'quiet' }).exporting).toBe(false);
  const span = await inSpan('clues POST /graphql', { parent: contextFromTraceparent(incoming) }, async (s) => s);
  expect(span.isRecording()).toBe(false);
  // The no-op context manager keeps nothing: inside a span the active context is still the root.
  expect(await inSpan('enqueue', {}, async () => currentTraceparent())).toBeUndefined();
  expect(trace.getSpanContext(context.active())).toBeUndefined();
});
