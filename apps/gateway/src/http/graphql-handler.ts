import { parse as parseUrl } from 'node:url';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { mayReveal } from '../personal-data/may-reveal';
import { legacyJsonStatus } from './legacy-json-status';

/** A finished answer that identical requests in flight can share. */
interface SharedAnswer {
  shared: true;
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Request headers besides the token that change Apollo's answer to the same body: the media type
 * and, with it, the status (Accept), how the body was read (Content-Type), CSRF prevention.
 */
const ANSWER_HEADERS = ['accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

/**
 * The key under which identical requests share one execution, or null when this one must run on
 * its own: same caller's token, same answer-changing headers, same method, URL and body; queries
 * only (no mutation, no subscription, no persisted-query hash without its text) and no revealing
 * read of personal data (each such read is audited as its own request).
 */
export function sharingKey(req: Pick<Request, 'method' | 'url' | 'headers' | 'body'>): string | null {
  const body = req.body as { query?: unknown } | undefined;
  const query = req.method === 'GET' ? new URL(req.url, 'http://x').searchParams.get('query') : body?.query;
  if (typeof query !== 'string' || /\b(mutation|subscription)\b/.test(query)) return null;
  const text = `${req.method}\n${req.url}\n${req.method === 'GET' ? '' : JSON.stringify(req.body)}`;
  if (mayReveal(text)) return null;
  const headers = ANSWER_HEADERS.map((name) => JSON.stringify(req.headers[name] ?? null));
  return [req.headers.authorization ?? '', ...headers, text].join('\n');
}

/**
 * Apollo Server over Express (as @as-integrations/express5 does it), plus: identical queries in
 * flight at the same moment run once and all get the answer, so a dashboard polled by many screens
 * of one user costs one plan execution and its subgraph calls. Incremental (streamed) answers are
 * never shared. Document errors are answered 200 to clients that ask for application/json
 * (GraphQL over HTTP; see legacy-json-status.ts).
 */
export function graphqlHandler<Ctx extends object>(server: ApolloServer<Ctx>, context: (res: Response) => Promise<Ctx>): RequestHandler {
  server.assertStarted('graphqlHandler()');
  const inFlight = new Map<string, Promise<SharedAnswer | HTTPGraphQLResponse>>();

  const execute = async (req: Request, res: Response): Promise<HTTPGraphQLResponse> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: parseUrl(req.url).search ?? '', body: req.body },
      context: () => context(res),
    });
    if (answer.body.kind !== 'complete') return answer;
    const head = { status: answer.status ?? 200, contentType: answer.headers.get('content-type'), accepted: req.accepts() };
    return { ...answer, status: legacyJsonStatus(head, answer.body.string) };
  };

  const sharable = async (req: Request, res: Response): Promise<SharedAnswer | HTTPGraphQLResponse> => {
    const answer = await execute(req, res);
    if (answer.body.kind !== 'complete') return answer;
    return { shared: true, status: answer.status ?? 200, headers: [...answer.headers], body: answer.body.string };
  };

  return async (req, res) => {
    const key = sharingKey(req);
    let answer: SharedAnswer | HTTPGraphQLResponse;
    if (key) {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = sharable(req, res);
        inFlight.set(key, pending);
        const forget = () => inFlight.delete(key);
        pending.then(forget, forget);
      }
      answer = await pending;
    } else {
      answer = await execute(req, res);
    }
    if ('shared' in answer) {
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.status(answer.status).send(answer.body);
      return;
    }
    const streamed = answer;
    for (const [name, value] of streamed.headers) res.setHeader(name, value);
    res.statusCode = streamed.status ?? 200;
    if (streamed.body.kind === 'complete') {
      res.send(streamed.body.string);
      return;
    }
    for await (const chunk of streamed.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
