/**
 * Live updates at the gateway, as one component: the Kafka feed (a consumer group of this instance
 * alone), the in-process hub, the executor (subscriptions validated against the API schema +
 * Subscription, each event's entity fetched through the gateway as the subscriber), and the
 * transports: graphql-ws on the HTTP server's upgrades, multipart and SSE as Express middleware.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { tokenExpiresAt, type TokenVerifier } from '@pgov/auth';
import { createKafka, createLiveConsumer } from '@pgov/messaging';
import type { GatewayConfig, SubscriptionsConfig } from '../config';
import type { Logger } from '../logger';
import type { GatewayContext } from '../subgraphs/forwarding-data-source';
import type { TrustedDocuments } from '../trusted-documents/trusted-documents';
import { EventHub } from './event-hub';
import type { QueryAnswer } from './entity-answer';
import { httpSubscriptions } from './http-transport';
import { createLiveExecutor, type QueryRunner } from './live-execution';
import { LIVE_EVENTS, toLiveEvent } from './live-events';
import { ConnectionCounter } from './sessions';
import { buildLiveSchema } from './subscription-schema';
import { attachWebSocket, type WebSocketTransport } from './ws-transport';

export interface SubscriptionsReadiness {
  /** The Kafka feed has joined its group: events published from now on reach subscribers. */
  liveEvents: boolean;
  /** Open WebSockets and HTTP subscription streams. */
  connections: number;
  /** Subscriptions listening for events. */
  subscriptions: number;
}

export interface Subscriptions {
  /** The gateway's API schema, each time it is (re)loaded. */
  useApiSchema(apiSchema: GraphQLSchema): void;
  /** Throws when the supergraph cannot carry the Subscription schema (checked at start). */
  assertReady(): void;
  /** Express middleware for subscriptions over HTTP (after authentication and body parsing). */
  readonly http: RequestHandler;
  /** Accepts WebSockets on the server and starts the Kafka feed (retried in the background until it connects). */
  start(httpServer: Server): void;
  /** Ends every stream and socket, leaves and deletes the consumer group. */
  stop(): Promise<void>;
  readiness(): SubscriptionsReadiness;
}

export interface SubscriptionsDeps {
  server: ApolloServer<GatewayContext>;
  verifier: TokenVerifier;
  logger: Logger;
  path: string;
  /** Trusted documents, when on: checked for every operation sent over the WebSocket (HTTP: by the /graphql middleware). */
  trusted: TrustedDocuments | null;
  /** Called for every event the feed consumes, before it is delivered (the response cache forgets its answers). */
  onChange?: (() => void) | undefined;
}

const RETRY_MS = 5_000;

export function createSubscriptions(config: GatewayConfig, settings: SubscriptionsConfig, deps: SubscriptionsDeps): Subscriptions {
  const logger = deps.logger.child({ component: 'subscriptions' });
  let liveSchema: GraphQLSchema | undefined;
  let schemaError: unknown;
  const hub = new EventHub();
  const counter = new ConnectionCounter(settings.maxConnectionsPerUser);
  const streams = new Set<AbortController>();

  const runQuery: QueryRunner = async (request, session, requestId) => {
    const response = await deps.server.executeOperation(
      { query: request.query, variables: request.variables, ...(request.operationName ? { operationName: request.operationName } : {}) },
      { contextValue: { identity: session.identity, authorization: session.authorization, requestId } },
    );
    if (response.body.kind !== 'single') return { errors: [{ message: 'Incremental delivery is not supported here', extensions: { code: 'BAD_REQUEST' } }] };
    return response.body.singleResult as QueryAnswer;
  };

  const live = createLiveExecutor({
    schema: () => {
      if (!liveSchema) throw new Error('subscriptions used before the schema loaded');
      return liveSchema;
    },
    hub,
    runQuery,
    limits: config.limits,
    introspection: config.introspection,
    logger,
  });

  const kafka = createKafka({ clientId: settings.kafka.clientId, brokers: settings.kafka.brokers, namespace: settings.kafka.namespace, logger: logger.child({ component: 'kafka' }), ...settings.kafka.security });
  // Every instance must see every event: a group of its own, deleted when it stops.
  const consumer = createLiveConsumer({
    kafka,
    groupId: `gateway-live-${hostname()}-${randomUUID().slice(0, 8)}`,
    events: LIVE_EVENTS,
    fetchLingerMs: settings.kafka.fetchLingerMs,
    onEvent: (envelope, definition) => {
      // First: a subscriber refetching on this event must not get an answer kept from before it.
      deps.onChange?.();
      const event = toLiveEvent(envelope, definition);
      if (event) hub.publish(event);
    },
    logger,
  });

  let ws: WebSocketTransport | undefined;
  let stopping = new AbortController();

  async function startFeed(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await consumer.start();
        return;
      } catch (error) {
        logger.warn({ err: error, retryInMs: RETRY_MS }, 'live events: cannot start the Kafka consumer yet; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
  }

  return {
    useApiSchema(apiSchema) {
      try {
        liveSchema = buildLiveSchema(apiSchema);
        schemaError = undefined;
      } catch (error) {
        schemaError = error;
        logger.error({ err: error }, 'cannot build the Subscription schema on this supergraph');
      }
    },
    assertReady() {
      if (schemaError) throw schemaError;
      if (!liveSchema) throw new Error('subscriptions: no API schema loaded');
    },
    http: httpSubscriptions({ live, counter, config: settings, logger, streams, expiresAt: tokenExpiresAt }),
    start(httpServer) {
      ws = attachWebSocket({ httpServer, path: deps.path, verifier: deps.verifier, live, counter, config: settings, maxPayloadBytes: config.limits.maxBodyBytes, logger, trusted: deps.trusted });
      stopping = new AbortController();
      void startFeed(stopping.signal);
    },
    async stop() {
      stopping.abort();
      for (const stream of streams) stream.abort();
      await ws?.close();
      ws = undefined;
      await consumer.stop().catch((error: unknown) => logger.warn({ err: error }, 'live events: consumer did not stop cleanly'));
    },
    readiness() {
      return { liveEvents: consumer.readiness(), connections: counter.total, subscriptions: hub.size };
    },
  };
}
