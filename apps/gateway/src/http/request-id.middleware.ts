import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { locals } from './locals';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a well-formed incoming x-request-id (from the load balancer), otherwise makes one. */
export function requestIdMiddleware(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    locals(res).requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  };
}
