export { startTracing, type Tracing, type TracingOptions } from './start-tracing';
export { contextFromHeaders, contextFromTraceparent, currentTraceparent, injectTraceContext, spanContextOf, traceIdOf } from './propagation';
export { enterSpan, inSpan, SpanKind, tracer, type SpanOptions } from './spans';
