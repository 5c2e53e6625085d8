import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Reads a request body up to `limit` bytes; null when it is longer (the caller answers 413). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const isJson = (contentType: string | undefined) => !!contentType && /^application\/(.+\+)?json\b/i.test(contentType.trim());

/**
 * Apollo Server on Node's own HTTP server, without Express: a subgraph answers only the gateway,
 * one small JSON POST at a time, and Express's routing and body parsing cost about a third of a
 * millisecond of CPU per call (../shared/design/PROFILE.md). JSON bodies over `bodyLimit` bytes
 * are refused with 413, malformed JSON with 400; everything else is Apollo's to answer.
 */
export function graphqlHttpHandler<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  context: (req: IncomingMessage) => Promise<Ctx>,
  bodyLimit: number,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req, bodyLimit);
      if (text === null) return sendJson(res, 413, { errors: [{ message: `request body over ${bodyLimit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      if (isJson(req.headers['content-type'])) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else body = text;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const search = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: () => context(req),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
