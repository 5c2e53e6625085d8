import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { withErrorMapping } from '@pgov/graphql-kit';

/** A named readiness check: resolves when the dependency is usable, throws (with why) when not. */
export type ReadinessCheck = [name: string, check: () => Promise<unknown>];

export interface SubgraphServerOptions<Identity, Ctx> {
  name: string;
  typeDefs: DocumentNode;
  /**
   * Resolver map (type → field → function). Typed loosely on purpose: services type each resolver's
   * parent and arguments precisely, which Apollo's map type (any-typed arguments) does not accept.
   */
  resolvers: Record<string, object>;
  host?: string;
  port: number;
  logger: Logger;
  /**
   * Verifies the caller from the forwarded Authorization header. Subgraphs never trust a caller
   * just because it reached them: throw to refuse (answered 401 UNAUTHENTICATED).
   */
  authenticate: (authorization: string | undefined) => Promise<Identity>;
  context: (args: { identity: Identity; requestId: string }) => Ctx | Promise<Ctx>;
  readiness: ReadinessCheck[];
  bodyLimit?: string;
}

export interface SubgraphServer {
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
}

export function createSubgraphServer<Identity, Ctx extends object>(options: SubgraphServerOptions<Identity, Ctx>): SubgraphServer {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated by ETag; hashing every response body costs CPU for nothing.
  app.set('etag', false);
  const http: Server = createServer(app);
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: withErrorMapping(options.resolvers) as GraphQLResolverMap<unknown> }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    includeStacktraceInErrorResponses: false,
    logger,
  });
  let url = '';

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      options.readiness.map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  return {
    get url() {
      return url;
    },
    async start() {
      await apollo.start();
      app.use(
        '/graphql',
        express.json({ limit: options.bodyLimit ?? '256kb' }),
        expressMiddleware(apollo, {
          context: async ({ req }) => {
            const requestId = String(req.headers['x-request-id'] ?? randomUUID());
            let identity: Identity;
            try {
              identity = await options.authenticate(req.headers.authorization);
            } catch (error) {
              throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
                extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
              });
            }
            return options.context({ identity, requestId });
          },
        }),
      );
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
      });
      const address = http.address() as AddressInfo;
      url = `http://${options.host ?? '127.0.0.1'}:${address.port}/graphql`;
      logger.info({ url }, `${options.name} subgraph listening`);
      return url;
    },
    async stop() {
      // Drain plugin: stop accepting, let in-flight requests finish, then close.
      await apollo.stop();
    },
  };
}
