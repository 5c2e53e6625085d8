import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';

export interface TestSubgraph {
  name: string;
  sdl: string;
  url: string;
  /** Headers of every GraphQL request the subgraph received. */
  received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

export interface SubgraphSpec {
  name: string;
  sdl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: Record<string, any>;
  /** Builds the context; throw (e.g. requireIdentity) to refuse the call. */
  context?: (headers: IncomingHttpHeaders) => Promise<Record<string, unknown>>;
  /** Serve GET /readyz (otherwise the gateway falls back to a { __typename } probe). */
  readyz?: boolean;
}

/** A tiny Federation 2 subgraph on an ephemeral port (express5 + @apollo/server, like the real ones). */
export async function startSubgraph(spec: SubgraphSpec): Promise<TestSubgraph> {
  const received: IncomingHttpHeaders[] = [];
  const server = new ApolloServer<{ headers: IncomingHttpHeaders }>({
    schema: buildSubgraphSchema({ typeDefs: parse(spec.sdl), resolvers: spec.resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const app = express();
  if (spec.readyz) app.get('/readyz', (_req, res) => void res.json({ status: 'ready' }));
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(server, {
      context: async ({ req }) => {
        received.push(req.headers);
        return { headers: req.headers, ...(spec.context ? await spec.context(req.headers) : {}) };
      },
    }),
  );
  const http: Server = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    name: spec.name,
    sdl: spec.sdl,
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    async stop() {
      await server.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
