/**
 * The gateway over HTTP, in-process on an ephemeral port, in front of two tiny subgraphs composed
 * in the test. Real ES256 keys and tokens.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Role,
  createTokenVerifier,
  generateDevKeyPair,
  mintToken,
  requireIdentity,
  type DevKeyPair,
  type Identity,
} from '@pgov/auth';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { createLogger, type Logger } from '../src/logger';
import { sha256Hex } from '../src/trusted-documents/manifest';
import { composeForTest } from './support/compose';
import { startSubgraph, type TestSubgraph } from './support/subgraphs';

const worker: Identity = { subject: 'u-1001', name: '张三', roles: [Role.GRID_WORKER], district: '610113' };

const GRIDS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { grid(id: ID!): Grid, grids(first: Int = 20): [Grid!]!, echo: Echo!, slow(ms: Int!): String!, depth: Node }
  type Mutation { bump(ms: Int!): Int! }
  type Grid @key(fields: "id") { id: ID!, name: String! }
  type Echo { authorization: String, requestId: String }
  type Node { id: ID!, child: Node }
`;
const CLUES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Grid @key(fields: "id") { id: ID!, openClues: Int!, viewer: String! }
`;

interface Fixture {
  keys: DevKeyPair;
  grids: TestSubgraph;
  clues: TestSubgraph;
  supergraphSdl: string;
  config: GatewayConfig;
}

let fx: Fixture;
let bumps = 0;
const gateways: Gateway[] = [];

async function startGateway(overrides: Partial<GatewayConfig> = {}, logger: Logger = createLogger('gateway', 'silent')): Promise<Gateway> {
  const config = { ...fx.config, ...overrides, limits: { ...fx.config.limits, ...overrides.limits } };
  const verifier = createTokenVerifier({ publicKeyPem: fx.keys.publicKeyPem, issuer: 'pgov-dev-idp', audience: 'pgov-api' });
  const gateway = createGateway(config, { logger, verifier, supergraphSdl: fx.supergraphSdl });
  gateways.push(gateway);
  await gateway.start();
  return gateway;
}

const token = (identity = worker, options: Parameters<typeof mintToken>[2] = { expiresIn: '1h' }) =>
  mintToken(fx.keys.privateKey, identity, options);

async function post(gateway: Gateway, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

beforeAll(async () => {
  const keys = await generateDevKeyPair();
  const verifier = createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const grids = await startSubgraph({
    name: 'grids',
    sdl: GRIDS_SDL,
    resolvers: {
      Query: {
        grid: (_: unknown, { id }: { id: string }) => ({ id, name: `网格 ${id}` }),
        grids: (_: unknown, { first }: { first: number }) => Array.from({ length: Math.min(first, 3) }, (_x, i) => ({ id: `g${i}`, name: `网格 g${i}` })),
        echo: (_: unknown, __: unknown, ctx: { headers: IncomingHttpHeaders }) => ({
          authorization: ctx.headers.authorization ?? null,
          requestId: ctx.headers['x-request-id'] ?? null,
        }),
        slow: async (_: unknown, { ms }: { ms: number }) => {
          await new Promise((r) => setTimeout(r, ms));
          return 'done';
        },
      },
      Mutation: {
        bump: async (_: unknown, { ms }: { ms: number }) => {
          await new Promise((r) => setTimeout(r, ms));
          bumps += 1;
          return bumps;
        },
      },
      Grid: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `网格 ${ref.id}` }) },
    },
  });
  // The clues subgraph verifies the forwarded token itself, as the real subgraphs must.
  const clues = await startSubgraph({
    name: 'clues',
    sdl: CLUES_SDL,
    readyz: true,
    context: async (headers) => ({ identity: await requireIdentity(verifier, headers.authorization) }),
    resolvers: {
      Grid: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        openClues: () => 3,
        viewer: (_: unknown, __: unknown, ctx: { identity: Identity }) => `${ctx.identity.name}@${ctx.identity.district}`,
      },
    },
  });
  const supergraphSdl = composeForTest([
    { name: 'grids', url: 'http://127.0.0.1:1/graphql', sdl: GRIDS_SDL },
    { name: 'clues', url: 'http://127.0.0.1:1/graphql', sdl: CLUES_SDL },
  ]);
  const config = {
    ...loadGatewayConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY_FILE: '/unused' }),
    // The composed URLs are unreachable on purpose: routing must come from configuration.
    subgraphUrls: { grids: grids.url, clues: clues.url },
    shutdownGraceMs: 2_000,
  };
  fx = { keys, grids, clues, supergraphSdl, config };
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await Promise.all([fx?.grids.stop(), fx?.clues.stop()]);
});

describe('gateway over HTTP', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });

  describe('authentication', () => {
    const expectUnauthenticated = (
      res: Awaited<ReturnType<typeof post>>,
      reason: 'missing' | 'expired' | 'invalid',
    ) => {
      expect(res.status).toBe(401);
      expect(res.json.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.json.data).toBeUndefined();
    };

    it('refuses a request without a token', async () => {
      expectUnauthenticated(await post(gateway, { query: '{ echo { requestId } }' }), 'missing');
    });

    it('refuses an expired token', async () => {
      const expired = await token(worker, { expiresIn: -120 });
      expectUnauthenticated(await post(gateway, { query: '{ __typename }' }, { authorization: `Bearer ${expired}` }), 'expired');
    });

    it('refuses a token signed by another key', async () => {
      const stranger = await generateDevKeyPair();
      const forged = await mintToken(stranger.privateKey, { ...worker, roles: [Role.CITY_ADMIN], district: '610100' }, { expiresIn: '1h' });
      expectUnauthenticated(await post(gateway, { query: '{ __typename }' }, { authorization: `Bearer ${forged}` }), 'invalid');
    });

    it('refuses a token for another audience or issuer', async () => {
      const otherAudience = await token(worker, { expiresIn: '1h', audience: 'another-api' });
      expectUnauthenticated(await post(gateway, { query: '{ __typename }' }, { authorization: `Bearer ${otherAudience}` }), 'invalid');
      const otherIssuer = await token(worker, { expiresIn: '1h', issuer: 'another-idp' });
      expectUnauthenticated(await post(gateway, { query: '{ __typename }' }, { authorization: `Bearer ${otherIssuer}` }), 'invalid');
    });

    it('refuses a malformed Authorization header', async () => {
      expectUnauthenticated(await post(gateway, { query: '{ __typename }' }, { authorization: 'Basic dXNlcjpwdw==' }), 'invalid');
    });

    it('refuses GET requests without a token too', async () => {
      const res = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(401);
    });
  });

  describe('with a valid token', () => {
    it('forwards the Authorization header and the request id to the subgraph', async () => {
      const bearer = `Bearer ${await token()}`;
      const res = await post(gateway, { query: '{ echo { authorization requestId } }' }, { authorization: bearer, 'x-request-id': 'req-42' });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ data: { echo: { authorization: bearer, requestId: 'req-42' } } });
      expect(res.headers.get('x-request-id')).toBe('req-42');
    });

    it('runs identical queries in flight at the same moment once, but never another caller’s nor a mutation', async () => {
      const auth = { authorization: `Bearer ${await token()}` };
      const other = { authorization: `Bearer ${await token({ ...worker, subject: 'u-1002' })}` };
      const before = fx.grids.received.length;
      const answers = await Promise.all([
        ...Array.from({ length: 5 }, () => post(gateway, { query: '{ slow(ms: 150) }' }, auth)),
        post(gateway, { query: '{ slow(ms: 150) }' }, other),
      ]);
      expect(answers.every((a) => a.status === 200 && a.json.data.slow === 'done')).toBe(true);
      expect(fx.grids.received.length - before).toBe(2);
      const bumped = await Promise.all(Array.from({ length: 3 }, () => post(gateway, { query: 'mutation { bump(ms: 100) }' }, auth)));
      expect(bumped.map((b) => b.json.data.bump).sort()).toEqual([bumps - 2, bumps - 1, bumps]);
      expect(fx.grids.received.length - before).toBe(5);
    });

    it('replaces an unsafe incoming request id with a fresh one', async () => {
      const res = await post(gateway, { query: '{ echo { requestId } }' }, { authorization: `Bearer ${await token()}`, 'x-request-id': 'bad id <script>' });
      expect(res.json.data.echo.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-request-id')).toBe(res.json.data.echo.requestId);
    });

    it('plans across subgraphs; the second subgraph verifies the same token', async () => {
      const bearer = `Bearer ${await token()}`;
      const res = await post(gateway, { query: '{ grid(id: "g1") { id name openClues viewer } }' }, { authorization: bearer });
      expect(res.json).toEqual({ data: { grid: { id: 'g1', name: '网格 g1', openClues: 3, viewer: '张三@610113' } } });
      expect(fx.clues.received.at(-1)?.authorization).toBe(bearer);
    });

    it('answers GET queries (with a CSRF preflight header)', async () => {
      const res = await fetch(`${gateway.url}?query=${encodeURIComponent('{ grid(id: "g2") { name } }')}`, {
        headers: { authorization: `Bearer ${await token()}`, 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { grid: { name: '网格 g2' } } });
    });
  });

  describe('operation limits', () => {
    let auth: Record<string, string>;
    beforeAll(async () => {
      auth = { authorization: `Bearer ${await token()}` };
    });

    it('rejects a too deep query before calling any subgraph', async () => {
      const before = fx.grids.received.length;
      const deep = `{ depth { ${'child { '.repeat(14)}id${' }'.repeat(14)} } }`;
      const res = await post(gateway, { query: deep }, auth);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', max: 12 });
      expect(fx.grids.received.length).toBe(before);
    });

    it('rejects alias overloading', async () => {
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
      const res = await post(gateway, { query: `{ ${aliases} }` }, auth);
      expect(res.status).toBe(400);
      expect(res.json.errors.map((e: { extensions: { limit: string } }) => e.extensions.limit)).toContain('maxAliases');
    });

    it('accepts a batch within the limit and refuses a longer one', async () => {
      const op = { query: '{ grid(id: "b") { id } }' };
      const ok = await post(gateway, [op, op], auth);
      expect(ok.status).toBe(200);
      expect(ok.json).toHaveLength(2);
      const tooMany = await post(gateway, Array.from({ length: 6 }, () => op), auth);
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.errors[0].extensions).toMatchObject({ code: 'BATCH_LIMIT_EXCEEDED', max: 5 });
    });

    it('refuses a body over the size limit with 413', async () => {
      const res = await post(gateway, { query: `{ __typename } # ${'x'.repeat(110 * 1024)}` }, auth);
      expect(res.status).toBe(413);
      expect(res.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers invalid JSON with a GraphQL-shaped 400', async () => {
      const res = await post(gateway, '{"query": ', auth);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('allows introspection outside production', async () => {
      const res = await post(gateway, { query: '{ __schema { queryType { name } } }' }, auth);
      expect(res.json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });
  });

  describe('health', () => {
    it('/healthz answers while the process is up', async () => {
      const res = await fetch(new URL('/healthz', gateway.url));
      expect(res.status).toBe(200);
    });

    it('/readyz is ready when the supergraph is loaded and every subgraph answers', async () => {
      const res = await fetch(new URL('/readyz', gateway.url));
      const body = (await res.json()) as { subgraphs: Record<string, string> };
      expect(res.status).toBe(200);
      // grids has no /readyz: probed with { __typename }; clues has one.
      expect(body.subgraphs).toEqual({ grids: 'ok (typename)', clues: 'ok (readyz)' });
    });

    it('/readyz is 503 when a subgraph does not answer', async () => {
      const broken = await startGateway({ subgraphUrls: { ...fx.config.subgraphUrls, clues: 'http://127.0.0.1:9/graphql' } });
      const res = await fetch(new URL('/readyz', broken.url));
      expect(res.status).toBe(503);
      // Unauthenticated: which subgraph, never its address or the error.
      expect(((await res.json()) as { subgraphs: Record<string, string> }).subgraphs.clues).toBe('down');
    });

    it('/metrics counts and times requests by operation and each subgraph call by outcome', async () => {
      const bearer = `Bearer ${await token()}`;
      await post(gateway, { query: 'query GridCard { grid(id: "g1") { id name openClues } }', operationName: 'GridCard' }, { authorization: bearer });
      const res = await fetch(new URL('/metrics', gateway.url));
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/graphql_request_duration_seconds_count\{service="gateway",operation="GridCard",type="query",outcome="ok"\} [1-9]/);
      expect(text).toMatch(/subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="grids",outcome="200"\} [1-9]/);
      expect(text).toMatch(/subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="clues",outcome="200"\} [1-9]/);
      expect(text).not.toContain('authorization');
    });
  });

  describe('GraphiQL', () => {
    it('serves the page and every asset from the gateway itself', async () => {
      const res = await fetch(new URL('/graphiql', gateway.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await res.text();
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(refs.length).toBeGreaterThanOrEqual(5);
      for (const ref of refs) {
        expect(ref).not.toMatch(/^(https?:)?\/\//);
        const asset = await fetch(new URL(ref, res.url));
        expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
        const body = await asset.text();
        if (ref.endsWith('.css')) {
          expect(body).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
        }
      }
      expect(html).not.toMatch(/https?:\/\//);
      expect(refs).toEqual(
        expect.arrayContaining([expect.stringMatching(/graphiql\.min\.js$/), expect.stringMatching(/react-dom\.production\.min\.js$/)]),
      );
    });

    it('offers a header editor for the Authorization header and does not persist it', async () => {
      const init = await (await fetch(new URL('/graphiql/assets/init.js', gateway.url))).text();
      expect(init).toMatch(/isHeadersEditorEnabled: true/);
      expect(init).toMatch(/Authorization/);
      expect(init).toMatch(/shouldPersistHeaders: false/);
    });

    it('serves nothing else from the package folders', async () => {
      const res = await fetch(new URL('/graphiql/assets/..%2Fpackage.json', gateway.url));
      expect(res.status).toBe(404);
    });
  });
});

describe('hostile documents are refused before any subgraph is called', () => {
  let gateway: Gateway;
  let auth: Record<string, string>;
  const calls = () => fx.grids.received.length + fx.clues.received.length;
  beforeAll(async () => {
    gateway = await startGateway({ limits: { ...fx.config.limits, maxCost: 200 } });
    auth = { authorization: `Bearer ${await token()}` };
  });

  it('limits depth inside introspection (ofType chains)', async () => {
    const before = calls();
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } } }`;
    const res = await post(gateway, { query: deep }, auth);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { extensions: unknown }) => e.extensions)).toContainEqual(
      expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxIntrospectionDepth', max: 15 }),
    );
    expect(calls()).toBe(before);
  });

  it('stops parsing a document with too many tokens', async () => {
    const before = calls();
    const res = await post(gateway, { query: `{ ${'__typename '.repeat(5_000)}}` }, auth);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.json.errors[0].message).toMatch(/contains more tha[nt] 3000 tokens\. Parsing aborted/);
    expect(calls()).toBe(before);
  });

  it('refuses an operation over the cost limit (list size by first, also from variables)', async () => {
    const before = calls();
    const literal = await post(gateway, { query: '{ grids(first: 1000) { id name } }' }, auth);
    expect(literal.status).toBe(400);
    expect(literal.json.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost', max: 200, actual: 3000 });
    const variable = await post(gateway, { query: 'query G($n: Int) { grids(first: $n) { id } }', variables: { n: 500 } }, auth);
    expect(variable.status).toBe(400);
    expect(variable.json.errors[0].extensions).toMatchObject({ limit: 'maxCost', actual: 1000 });
    expect(calls()).toBe(before);
    const cheap = await post(gateway, { query: '{ grids(first: 2) { id } }' }, auth);
    expect(cheap.json).toEqual({ data: { grids: [{ id: 'g0' }, { id: 'g1' }] } });
  });
});

describe('trusted documents', () => {
  const known = 'query Known { grid(id: "t1") { name } }';
  let file: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'manifest.json');
    const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256Hex(known), name: 'Known', type: 'query', body: known }] };
    writeFileSync(file, JSON.stringify(manifest));
    auth = { authorization: `Bearer ${await token()}` };
  });

  it('enforce: refuses an unknown document, runs a known one sent whole or by id', async () => {
    const gateway = await startGateway({ trustedDocuments: { mode: 'enforce', file } });
    const before = fx.grids.received.length;
    const unknown = await post(gateway, { query: '{ grid(id: "t2") { name } }' }, auth);
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_MANIFEST');
    const unknownId = await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, auth);
    expect(unknownId.status).toBe(400);
    expect(unknownId.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_MANIFEST');
    expect(fx.grids.received.length).toBe(before);

    const byBody = await post(gateway, { query: known }, auth);
    expect(byBody.json).toEqual({ data: { grid: { name: '网格 t1' } } });
    const byId = await post(gateway, { operationName: 'Known', extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(known) } } }, auth);
    expect(byId.json).toEqual({ data: { grid: { name: '网格 t1' } } });
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256Hex(known) } }));
    const getById = await fetch(`${gateway.url}?extensions=${extensions}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(await getById.json()).toEqual({ data: { grid: { name: '网格 t1' } } });
  });

  it('log: runs an unknown document and logs it', async () => {
    const logger = createLogger('gateway', 'silent');
    const warn = jest.spyOn(logger, 'warn');
    const gateway = await startGateway({ trustedDocuments: { mode: 'log', file } }, logger);
    const res = await post(gateway, { query: 'query Other { grid(id: "t3") { name } }', operationName: 'Other' }, auth);
    expect(res.json).toEqual({ data: { grid: { name: '网格 t3' } } });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ operationName: 'Other' }), expect.stringMatching(/not in the manifest/));
  });
});

describe('CORS', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ corsOrigins: { origins: ['https://app.example'], localhost: false } });
  });
  const preflight = (origin: string) =>
    fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers an allowed origin on the preflight and the request, without credentials', async () => {
    const pre = await preflight('https://app.example');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type,apollo-require-preflight,x-request-id,traceparent');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await post(gateway, { query: '{ grid(id: "c1") { name } }' }, { origin: 'https://app.example', authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('gives a foreign origin no CORS header at all', async () => {
    const pre = await preflight('https://evil.example');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-headers')).toBeNull();
    const res = await post(gateway, { query: '{ __typename }' }, { origin: 'https://evil.example', authorization: `Bearer ${await token()}` });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('production settings', () => {
  it('no GraphiQL page, no introspection, no field suggestions', async () => {
    const gateway = await startGateway({ graphiql: false, introspection: false, nodeEnv: 'production' });
    expect((await fetch(new URL('/graphiql', gateway.url))).status).toBe(404);
    const auth = { authorization: `Bearer ${await token()}` };
    const introspection = await post(gateway, { query: '{ __schema { queryType { name } } }' }, auth);
    expect(introspection.status).toBe(400);
    expect(introspection.text).toMatch(/introspection/i);
    const typo = await post(gateway, { query: '{ gird(id: "1") { id } }' }, auth);
    expect(typo.text).not.toMatch(/Did you mean/);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const gateway = await startGateway();
    const auth = { authorization: `Bearer ${await token()}` };
    const inFlight = post(gateway, { query: '{ slow(ms: 400) }' }, auth);
    await new Promise((r) => setTimeout(r, 100));
    const stopping = gateway.stop();
    const res = await inFlight;
    expect(res.json).toEqual({ data: { slow: 'done' } });
    await stopping;
    expect(gateway.state).toBe('stopped');
    await expect(fetch(new URL('/healthz', gateway.url))).rejects.toThrow();
  });
});
