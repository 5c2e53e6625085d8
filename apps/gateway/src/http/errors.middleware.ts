import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { errorBody, locals } from './locals';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Body-parser and unexpected errors as GraphQL-shaped JSON; internals are logged, never returned. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as BodyParserError | undefined)?.type;
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody('Request body too large', 'PAYLOAD_TOO_LARGE'));
    } else if (type === 'entity.parse.failed') {
      res.status(400).json(errorBody('Request body is not valid JSON', 'BAD_REQUEST'));
    } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(415).json(errorBody('Unsupported request encoding', 'BAD_REQUEST'));
    } else {
      logger.error({ err: error, requestId: locals(res).requestId }, 'unhandled error');
      res.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
  };
}

export function notFoundMiddleware(): RequestHandler {
  return (_req, res) => {
    res.status(404).json(errorBody('Not found', 'NOT_FOUND'));
  };
}
