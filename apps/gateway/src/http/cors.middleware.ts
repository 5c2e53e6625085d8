import cors from 'cors';
import type { RequestHandler } from 'express';
import { originAllowed, type OriginPolicy } from './origins';

/** Request headers a browser front end needs to send cross-origin; nothing else is allowed. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', 'x-request-id', 'traceparent'];

/**
 * CORS on /graphql: only the configured origins get Access-Control-Allow-Origin, on the preflight
 * and on the request. Others get no CORS header at all (their preflight falls through to the 405
 * of OPTIONS), so the browser refuses the answer. No credentials: the token is a bearer header,
 * never a cookie. Apollo's CSRF prevention stays on behind this (it protects simple requests,
 * which need no preflight).
 */
export function corsMiddleware(policy: OriginPolicy): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(policy, origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
