import { parse } from 'graphql';
import pino from 'pino';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

// What a subgraph tells the gateway it may keep: Apollo's cache control from the schema's hints,
// narrowed to `private` when a resolver read a claim of the caller's own (cache-scope.ts).

interface Caller {
  subject: string;
  name: string;
  roles: string[];
  district: string;
}

let server: SubgraphServer;

beforeAll(async () => {
  server = createSubgraphServer<Caller, { identity: Caller }>({
    name: 'test',
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
      type Query {
        byRole: Overview @cacheControl(maxAge: 5)
        mine: Overview @cacheControl(maxAge: 5)
        spread: Overview @cacheControl(maxAge: 5)
        unhinted: Overview
      }
      type Overview @cacheControl(inheritMaxAge: true) { text: String  secret: String @cacheControl(maxAge: 0)  broken: String }`),
    resolvers: {
      Query: {
        byRole: (_: unknown, __: unknown, ctx: { identity: Caller }) => ({ text: `${ctx.identity.roles.join(',')}@${ctx.identity.district}` }),
        mine: (_: unknown, __: unknown, ctx: { identity: Caller }) => ({ text: ctx.identity.subject }),
        spread: (_: unknown, __: unknown, ctx: { identity: Caller }) => ({ text: JSON.stringify({ ...ctx.identity, subject: undefined, name: undefined }) }),
        unhinted: () => ({ text: 'x' }),
      },
      Overview: {
        secret: () => 's',
        broken: () => {
          throw new Error('failed');
        },
      },
    },
    port: 0,
    logger: pino({ level: 'silent' }),
    authenticate: async () => ({ subject: 'u-1', name: '张三', roles: ['PROCURATOR'], district: '610113' }),
    context: ({ identity }) => ({ identity }),
    readiness: [],
    sharedClaims: ['roles', 'district'],
  });
  await server.start();
});

afterAll(() => server.stop());

async function cacheControl(query: string): Promise<string | null> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: JSON.stringify({ query }) });
  expect(res.status).toBe(200);
  return res.headers.get('cache-control');
}

describe('a subgraph answer’s Cache-Control', () => {
  it('is public when the resolvers read only the shared claims', async () => {
    expect(await cacheControl('{ byRole { text } }')).toBe('max-age=5, public');
  });

  it('is private when a resolver read who the caller is', async () => {
    expect(await cacheControl('{ mine { text } }')).toBe('max-age=5, private');
    expect(await cacheControl('{ byRole { text } mine { text } }')).toBe('max-age=5, private');
  });

  it('is private when a resolver enumerated the identity (a spread, JSON), even to drop the personal claims', async () => {
    expect(await cacheControl('{ spread { text } }')).toBe('max-age=5, private');
  });

  it('is no-store when any part is unhinted or hinted 0', async () => {
    expect(await cacheControl('{ unhinted { text } }')).toBe('no-store');
    expect(await cacheControl('{ byRole { text secret } }')).toBe('no-store');
  });

  it('is no-store when the answer has errors', async () => {
    expect(await cacheControl('{ byRole { text broken } }')).toBe('no-store');
  });
});
