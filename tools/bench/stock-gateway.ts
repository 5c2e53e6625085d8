/**
 * Stock @apollo/gateway on @apollo/server's standalone server, the Authorization header forwarded
 * to the subgraphs and nothing else: the yardstick tools/bench/gateway.ts measures apps/gateway
 * against, on the same subgraphs and supergraph.
 *   PORT=4100 node --import tsx tools/bench/stock-gateway.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginUsageReportingDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const urls: Record<string, string> = {
  grids: process.env['GRIDS_URL'] ?? 'http://127.0.0.1:4001/graphql',
  clues: process.env['CLUES_URL'] ?? 'http://127.0.0.1:4002/graphql',
  petitions: process.env['PETITIONS_URL'] ?? 'http://127.0.0.1:4003/graphql',
  indicators: process.env['INDICATORS_URL'] ?? 'http://127.0.0.1:4004/graphql',
};

class Forwarding extends RemoteGraphQLDataSource<{ authorization?: string }> {
  override willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: { authorization?: string } }) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

async function main() {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', '..', 'apps', 'gateway', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name, url }) => new Forwarding({ url: urls[name] ?? url }),
  });
  const server = new ApolloServer<{ authorization?: string }>({
    gateway,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env['PORT'] ?? 4100), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log(`stock gateway ready at ${url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
