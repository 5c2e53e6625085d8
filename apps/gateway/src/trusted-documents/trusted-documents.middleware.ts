import type { RequestHandler } from 'express';
import { errorBody, locals } from '../http/locals';
import type { DocumentParams, TrustedDocuments } from './trusted-documents';

/**
 * Trusted documents on /graphql (after body parsing, before the subscription transports and Apollo
 * Server): every operation of a POST body (one or a batch) and of a GET's parameters is checked;
 * one named only by id gets its body from the manifest. A refusal is HTTP 400 and reaches neither
 * Apollo Server nor any subgraph.
 */
export function trustedDocumentsMiddleware(trusted: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const requestId = locals(res).requestId;
    const refuse = (message: string, code: string) => void res.status(400).json(errorBody(message, code));

    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway');
      let extensions: unknown;
      try {
        const raw = url.searchParams.get('extensions');
        extensions = raw ? JSON.parse(raw) : undefined;
      } catch {
        extensions = undefined; // Apollo answers the malformed parameter
      }
      const query = url.searchParams.get('query') ?? undefined;
      const checked = trusted.check({ query, extensions, operationName: url.searchParams.get('operationName') ?? undefined }, requestId);
      if (!checked.ok) return refuse(checked.error.message, String(checked.error.extensions['code']));
      if (checked.params.query !== query && typeof checked.params.query === 'string') {
        url.searchParams.set('query', checked.params.query);
        if (checked.params.extensions) url.searchParams.set('extensions', JSON.stringify(checked.params.extensions));
        else url.searchParams.delete('extensions');
        req.url = `${url.pathname}${url.search}`;
      }
      return next();
    }

    const body: unknown = req.body;
    const one = (params: unknown) =>
      typeof params === 'object' && params !== null && !Array.isArray(params) ? trusted.check(params as DocumentParams, requestId) : ({ ok: true, params } as const);
    const checked = Array.isArray(body) ? body.map(one) : [one(body)];
    const refused = checked.find((c) => !c.ok);
    if (refused && !refused.ok) return refuse(refused.error.message, String(refused.error.extensions['code']));
    req.body = Array.isArray(body) ? checked.map((c) => (c.ok ? c.params : undefined)) : checked[0]?.ok ? checked[0].params : body;
    next();
  };
}
