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
  port: number;
  /** Headers of every GraphQL request the subgraph received. */
  received: IncomingHttpHeaders[];
  /** Makes every later GraphQL call fail this way; null answers normally again. */
  fault(fault: Fault | null): void;
  stop(): Promise<void>;
}

/**
 * How a test subgraph misbehaves, over real HTTP: a fixed status and body, a late answer, or the
 * connection closed without one (as when the process dies mid-call).
 */
export type Fault = { status: number; body: unknown; contentType?: string } | { delayMs: number } | { hangUp: true };

export interface SubgraphSpec {
  name: string;
  sdl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: Record<string, any>;
  /** Builds the context; throw (e.g. requireIdentity) to refuse the call. */
  context?: (headers: IncomingHttpHeaders) => Promise<Record<string, unknown>>;
  /** Serve GET /readyz (otherwise the gateway falls back to a { __typename } probe). */
  readyz?: boolean;
  /** Listen on this port (a restart on the port the gateway knows); default: any free port. */
  port?: number;
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
  let fault: Fault | null = null;
  const delays = new Set<NodeJS.Timeout>();
  app.use('/graphql', (req, res, next) => {
    if (!fault) return next();
    if ('hangUp' in fault) return void req.socket.destroy();
    if ('delayMs' in fault) {
      const timer = setTimeout(() => {
        delays.delete(timer);
        next();
      }, fault.delayMs);
      delays.add(timer);
      return;
    }
    const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
    res.status(fault.status).type(fault.contentType ?? 'application/json').send(text);
  });
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
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(spec.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  return {
    name: spec.name,
    sdl: spec.sdl,
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    received,
    fault(next) {
      fault = next;
    },
    async stop() {
      for (const timer of delays) clearTimeout(timer);
      await server.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
