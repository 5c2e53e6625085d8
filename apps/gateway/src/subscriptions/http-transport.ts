import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { getOperationAST, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse';
import type { SubscriptionsConfig } from '../config';
import { errorBody, locals } from '../http/locals';
import type { Logger } from '../logger';
import type { LiveContext, LiveExecutor, LiveSession, OperationParams } from './live-execution';
import { isEnding, untilEnded } from './live-results';
import type { ConnectionCounter } from './sessions';

export interface HttpSubscriptionsOptions {
  live: LiveExecutor;
  counter: ConnectionCounter;
  config: SubscriptionsConfig;
  logger: Logger;
  /** Aborting one ends its stream; all are aborted at shutdown. */
  streams: Set<AbortController>;
  /** Token expiry of the request's (already verified) Authorization header. */
  expiresAt(authorization: string): number | undefined;
}

type Mode = 'multipart' | 'sse';

/**
 * Subscriptions over HTTP on /graphql, after authentication and body parsing: a single subscription
 * operation asked for as Apollo's multipart protocol (Accept: multipart/mixed;subscriptionSpec=1.0)
 * or as server-sent events (Accept: text/event-stream; graphql-sse, distinct connections). Anything
 * else — every query and mutation — goes on to Apollo Server untouched.
 */
export function httpSubscriptions(options: HttpSubscriptionsOptions): RequestHandler {
  const { live, counter, config, logger, streams } = options;
  const sse = sseResponder(live, logger);

  return async (req, res, next) => {
    const mode = streamingMode(req.get('accept'));
    const params = mode ? operationParams(req) : null;
    if (!mode || !params || !isSubscription(params)) return next();
    // Apollo's CSRF prevention, which these requests bypass: no simple (form-like) request.
    if (!preflighted(req)) {
      res.status(400).json(errorBody('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send a non-simple Content-Type or the apollo-require-preflight header', 'BAD_REQUEST'));
      return;
    }
    const { identity, authorization, requestId } = locals(res);
    if (!identity || !authorization) throw new Error('authenticate middleware did not run');
    const session: LiveSession = { identity, authorization, expiresAt: options.expiresAt(authorization), requestId };
    const args = live.prepare(params, session);
    if (!('schema' in args)) {
      res.status(400).json(live.format({ errors: args }));
      return;
    }
    if (!counter.acquire(identity.subject)) {
      res.status(429).json(errorBody(`At most ${config.maxConnectionsPerUser} subscription connections per user`, 'SUBSCRIPTION_LIMIT', { max: config.maxConnectionsPerUser }));
      return;
    }
    const abort = new AbortController();
    streams.add(abort);
    res.once('close', () => abort.abort());
    try {
      if (mode === 'multipart') await multipart(res, args, { live, session, signal: abort.signal, heartbeatMs: config.heartbeatMs, logger });
      else await sse(req, res, args, session, abort.signal);
    } finally {
      streams.delete(abort);
      counter.release(identity.subject);
    }
  };
}

function streamingMode(accept: string | undefined): Mode | null {
  if (!accept) return null;
  const types = accept.split(',').map((t) => t.trim().toLowerCase().replace(/\s+/g, ''));
  if (types.some((t) => t.startsWith('multipart/mixed') && t.includes('subscriptionspec=1.0'))) return 'multipart';
  if (types.some((t) => t.split(';')[0] === 'text/event-stream')) return 'sse';
  return null;
}

function operationParams(req: Request): OperationParams | null {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as OperationParams) : null;
  }
  if (req.method !== 'GET') return null;
  const search = new URL(req.url, 'http://gateway').searchParams;
  const variables = search.get('variables');
  let parsed: unknown = undefined;
  try {
    parsed = variables ? JSON.parse(variables) : undefined;
  } catch {
    parsed = variables;
  }
  return { query: search.get('query') ?? undefined, variables: parsed, operationName: search.get('operationName') ?? undefined };
}

function isSubscription(params: OperationParams): boolean {
  if (typeof params.query !== 'string' || !/\bsubscription\b/.test(params.query)) return false;
  try {
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    return getOperationAST(parse(params.query, { maxTokens: 10_000 }), operationName)?.operation === 'subscription';
  } catch {
    return false; // Apollo Server answers the syntax error as for any request
  }
}

const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** As Apollo Server's CSRF prevention: a non-simple Content-Type, or a header only a script can set. */
function preflighted(req: Request): boolean {
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type && !SIMPLE_TYPES.has(type)) return true;
  return req.get('apollo-require-preflight') !== undefined || req.get('x-apollo-operation-name') !== undefined;
}

const isAsyncIterable = (value: unknown): value is AsyncIterableIterator<ExecutionResult> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * Apollo Client's multipart subscription protocol: boundary "-", each result a JSON part
 * {"payload": result}, `{}` heartbeats, transport errors (the token expired) as
 * {"payload": null, "errors": [...]}, then the closing boundary.
 */
async function multipart(
  res: Response,
  args: ExecutionArgs,
  options: { live: LiveExecutor; session: LiveSession; signal: AbortSignal; heartbeatMs: number; logger: Logger },
): Promise<void> {
  const { live } = options;
  const result = await live.subscribe(args);
  if (!isAsyncIterable(result)) {
    res.status(200).json(live.format(result));
    return;
  }
  const results = untilEnded(result, { session: options.session, signal: options.signal });
  res.writeHead(200, { 'content-type': 'multipart/mixed;boundary="-";subscriptionSpec=1.0', 'cache-control': 'no-cache, no-store' });
  res.write('\r\n---');
  const part = (body: unknown) => {
    if (!res.writableEnded) res.write(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(body)}\r\n---`);
  };
  const heartbeat = setInterval(() => part({}), options.heartbeatMs);
  try {
    for await (const next of results) {
      const formatted = live.format(next);
      part(isEnding(next) ? { payload: null, errors: formatted.errors } : { payload: formatted });
    }
  } catch (error) {
    options.logger.error({ err: error, requestId: options.session.requestId }, 'multipart subscription failed');
    part({ payload: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  } finally {
    clearInterval(heartbeat);
    if (!res.writableEnded) res.end('--\r\n');
  }
}

type SseRequestContext = { run: () => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> };

/** graphql-sse (distinct connections mode), its protocol and framing; the operation is prepared by us. */
function sseResponder(live: LiveExecutor, logger: Logger) {
  const handler = createSseHandler<ServerResponse, SseRequestContext, LiveContext>({
    authenticate: () => null, // no single-connection mode: every stream is its own request
    onSubscribe: (req) => req.context.run(),
    onNext: (_ctx, _req, result) => live.format(result as ExecutionResult) as ExecutionResult,
  });
  return async (req: Request, res: Response, args: ExecutionArgs, session: LiveSession, signal: AbortSignal): Promise<void> => {
    const run = async () => {
      const result = await live.subscribe(args);
      return isAsyncIterable(result) ? untilEnded(result, { session, signal }) : result;
    };
    const [body, init] = await handler({
      method: req.method,
      url: req.url,
      // Routed here for its Accept: graphql-sse streams only for exactly this one.
      headers: { get: (key) => (key.toLowerCase() === 'accept' ? 'text/event-stream' : (req.get(key) ?? null)) },
      body: req.body as Record<string, unknown>,
      raw: res,
      context: { run },
    });
    res.writeHead(init.status, init.statusText, init.headers);
    if (!body || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    const stop = () => void body.return(undefined);
    res.once('close', stop);
    try {
      for await (const chunk of body) {
        if (!res.writable) break;
        res.write(chunk);
      }
    } catch (error) {
      logger.error({ err: error, requestId: session.requestId }, 'event-stream subscription failed');
    } finally {
      res.off('close', stop);
      if (!res.writableEnded) res.end();
    }
  };
}
