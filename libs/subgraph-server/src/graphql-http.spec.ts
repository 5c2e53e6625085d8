import { parse } from 'graphql';
import pino from 'pino';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

// The subgraph's own HTTP handling (no Express) on a real port: routes, limits, authentication.
let server: SubgraphServer;
let base: string;
let ready = true;

beforeAll(async () => {
  server = createSubgraphServer<{ name: string }, { name: string }>({
    name: 'test',
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { hello: String! }`),
    resolvers: { Query: { hello: (_: unknown, __: unknown, ctx: { name: string }) => `你好 ${ctx.name}` } },
    port: 0,
    logger: pino({ level: 'silent' }),
    authenticate: async (authorization) => {
      if (authorization !== 'Bearer good') throw new Error('token rejected');
      return { name: '张三' };
    },
    context: ({ identity }) => identity,
    readiness: [['database', async () => (ready ? 'ok' : Promise.reject(new Error('down')))]],
    bodyLimit: 1024,
  });
  base = (await server.start()).replace('/graphql', '');
});
afterAll(() => server?.stop());

type Answer = { errors: { message: string; extensions: { code: string } }[] };
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer good', ...headers }, body });

describe('the subgraph over HTTP', () => {
  it('answers a query of an authenticated caller', async () => {
    const res = await post(JSON.stringify({ query: '{ hello }' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { hello: '你好 张三' } });
  });

  it('refuses a caller without a valid token with 401 UNAUTHENTICATED', async () => {
    const res = await post(JSON.stringify({ query: '{ hello }' }), { authorization: 'Bearer bad' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Answer).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a body over the limit with 413 and malformed JSON with 400, and keeps serving', async () => {
    const big = await post(JSON.stringify({ query: `{ hello } # ${'x'.repeat(2000)}` }));
    expect(big.status).toBe(413);
    const bad = await post('{"query": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Answer).errors[0]!.message).toMatch(/not valid JSON/);
    expect((await post(JSON.stringify({ query: '{ hello }' }))).status).toBe(200);
  });

  it('leaves CSRF protection to Apollo: a GET without a preflight header is refused', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { authorization: 'Bearer good' } });
    expect(res.status).toBe(400);
  });

  it('serves /healthz, /readyz with its checks, and 404 elsewhere', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', service: 'test' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    ready = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { database: 'down' } });
    ready = true;
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
