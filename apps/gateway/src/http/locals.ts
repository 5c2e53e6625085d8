import type { Response } from 'express';
import type { Identity } from '@pgov/auth';

/** What the gateway's middlewares attach to a request (res.locals). */
export interface GatewayLocals {
  requestId: string;
  /** Set by the authenticate middleware on /graphql only. */
  identity?: Identity;
  /** The verified `Authorization` header, forwarded as is to the subgraphs. */
  authorization?: string;
}

export function locals(res: Response): GatewayLocals {
  return res.locals as GatewayLocals;
}

/** A GraphQL-over-HTTP shaped error body for answers given before GraphQL execution. */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}
