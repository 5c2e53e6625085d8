import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isAuthError, type TokenVerifier } from '@pgov/auth';
import type { SubscriptionsConfig } from '../config';
import type { Logger } from '../logger';
import type { TrustedDocuments } from '../trusted-documents/trusted-documents';
import { originAllowed } from '../http/origins';
import type { LiveExecutor, LiveSession } from './live-execution';
import { openSession, whenExpired, type ConnectionCounter } from './sessions';

/**
 * Close codes (graphql-ws): a missing or invalid token, and a token that expires while the socket
 * is open, close it with 4403 Forbidden — a code graphql-ws's client retries, so a client whose
 * connectionParams is a function that fetches a fresh token reconnects and resubscribes. A user
 * over SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: 4429, which the client does not retry.
 */
export const CLOSE = { forbidden: CloseCode.Forbidden, tooManyConnections: 4429, goingAway: 1001 } as const;

export interface WebSocketTransportOptions {
  httpServer: Server;
  path: string;
  verifier: TokenVerifier;
  live: LiveExecutor;
  counter: ConnectionCounter;
  config: SubscriptionsConfig;
  /** Largest message a client may send (the HTTP body limit). */
  maxPayloadBytes: number;
  logger: Logger;
  trusted: TrustedDocuments | null;
}

export interface WebSocketTransport {
  /** Closes every socket (1001 Going Away) and stops accepting new ones. */
  close(): Promise<void>;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** graphql-ws (graphql-transport-ws protocol) over `ws`, on the HTTP server's upgrades of `path`. */
export function attachWebSocket(options: WebSocketTransportOptions): WebSocketTransport {
  const { live, counter, config, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const sessions = new WeakMap<object, { session: LiveSession; cancel: () => void }>();

  const server = useServer<Record<string, unknown>>(
    {
      isProd: true,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        const incoming = request.headers['x-request-id'];
        const requestId = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
        // Browsers cannot set headers on a WebSocket: the token comes in connection_init's payload.
        const params = ctx.connectionParams ?? {};
        const authorization = params['authorization'] ?? params['Authorization'] ?? request.headers.authorization;
        let session: LiveSession;
        try {
          session = await openSession(options.verifier, authorization, requestId);
        } catch (error) {
          if (!isAuthError(error)) throw error;
          logger.info({ requestId, reason: error.reason }, 'websocket refused: unauthenticated');
          socket.close(CLOSE.forbidden, `Forbidden: token ${error.publicReason}`);
          return false;
        }
        if (!counter.acquire(session.identity.subject)) {
          logger.warn({ requestId, subject: session.identity.subject, max: config.maxConnectionsPerUser }, 'websocket refused: too many connections');
          socket.close(CLOSE.tooManyConnections, 'Too many connections');
          return false;
        }
        const cancel = whenExpired(session, () => socket.close(CLOSE.forbidden, 'Forbidden: token expired'));
        sessions.set(ctx, { session, cancel });
        logger.debug({ requestId, subject: session.identity.subject }, 'websocket connected');
        return true;
      },
      onClose(ctx) {
        const held = sessions.get(ctx);
        if (!held) return;
        sessions.delete(ctx);
        held.cancel();
        counter.release(held.session.identity.subject);
      },
      onSubscribe(ctx, _id, payload) {
        const held = sessions.get(ctx);
        if (!held) return [unauthenticated()];
        if (held.session.expiresAt !== undefined && held.session.expiresAt <= Date.now()) {
          ctx.extra.socket.close(CLOSE.forbidden, 'Forbidden: token expired');
          return [unauthenticated()];
        }
        // graphql-ws registers the operation before this hook: it is counted.
        if (Object.keys(ctx.subscriptions).length > config.maxPerConnection) {
          return [limitError(`At most ${config.maxPerConnection} operations at once on one connection`, config.maxPerConnection)];
        }
        if (!options.trusted) return live.prepare(payload, held.session);
        const checked = options.trusted.check(payload, held.session.requestId);
        return checked.ok ? live.prepare(checked.params, held.session) : [checked.error];
      },
      subscribe: (args) => live.subscribe(args),
      execute: (args) => live.execute(args),
      onNext: (_ctx, _id, _payload, _args, result) => live.format(result),
      onError: (_ctx, _id, _payload, errors) => live.format({ errors }).errors ?? [],
    },
    wss,
    config.heartbeatMs,
  );

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== options.path) return refuse(404, 'Not Found');
    // A cross-site page can open a WebSocket: only the origins allowed may (by default those of
    // CORS). No Origin header: not a browser, the token alone decides.
    const origin = request.headers.origin;
    if (origin && !originAllowed(config.allowedOrigins, origin)) {
      logger.info({ origin }, 'websocket refused: origin not allowed');
      return refuse(403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.httpServer.on('upgrade', onUpgrade);

  return {
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      // dispose() waits for every client's closing handshake: one that never answers is cut off.
      const cutOff = setTimeout(() => wss.clients.forEach((client) => client.terminate()), 2_000);
      try {
        await server.dispose();
      } finally {
        clearTimeout(cutOff);
      }
    },
  };
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('The access token has expired', { extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } });
}

function limitError(message: string, max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SUBSCRIPTION_LIMIT', max } });
}
