import type { RequestHandler } from 'express';
import { contextFromHeaders, enterSpan, SpanKind } from '@pgov/tracing';

/**
 * The gateway's server span for one GraphQL request, continuing the client's traceparent when it
 * sends one. Mounted after the body parser: body-parser resumes the chain from the socket's stream
 * events, which would lose the active span if it were entered before. Apollo's own spans
 * (gateway.request, plan, fetch) and the subgraph calls (forwarding-data-source.ts) nest in it.
 */
export function traceMiddleware(): RequestHandler {
  return (req, res, next) => {
    const { span, run } = enterSpan(`gateway ${req.method} ${req.baseUrl || req.path}`, {
      kind: SpanKind.SERVER,
      parent: contextFromHeaders(req.headers),
      attributes: { 'http.request.method': req.method, 'url.path': req.baseUrl || req.path },
    });
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    run(next);
  };
}
