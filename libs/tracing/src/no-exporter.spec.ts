import { contextFromTraceparent, currentTraceparent, inSpan, startTracing, traceIdOf } from './index';

// A program without OTEL_EXPORTER_OTLP_ENDPOINT (the default): no tracer provider, so no span is
// recorded or sent anywhere, yet the trace context still travels from request to event.
const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

it('registers no provider without an endpoint, and still carries the incoming trace id through spans', async () => {
  expect(startTracing({ serviceName: 'quiet' }).exporting).toBe(false);
  const inside = await inSpan('clues POST /graphql', { parent: contextFromTraceparent(incoming) }, async () => inSpan('enqueue', {}, async () => currentTraceparent()));
  expect(inside && traceIdOf(inside)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
});
