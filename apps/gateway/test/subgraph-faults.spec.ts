/**
 * A subgraph down, failing or slow, over real HTTP (the gateway in-process on an ephemeral port in
 * front of two tiny subgraphs): the gateway answers the other subgraph's data and, for each missing
 * part, an error naming it (path) and the service, with nothing of the subgraph's address or
 * internals; it never crashes and answers fully again, by itself, once the subgraph is back.
 */
import { createTokenVerifier, generateDevKeyPair, mintToken, Role, type DevKeyPair } from '@pgov/auth';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { createLogger } from '../src/logger';
import { composeForTest } from './support/compose';
import { startSubgraph, type SubgraphSpec, type TestSubgraph } from './support/subgraphs';

const GRIDS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { grid(id: ID!): Grid, grids(ids: [ID!]!): [Grid!]! }
  type Grid @key(fields: "id") { id: ID!, name: String! }
`;
// The clues fields are nullable, as a field served by another subgraph should be: its absence then
// costs the client that field only.
const CLUES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { clueCount: Int }
  type Grid @key(fields: "id") { id: ID!, openClues: Int }
`;

const grid = (id: string) => ({ id, name: `网格 ${id}` });
const GRIDS: SubgraphSpec = {
  name: 'grids',
  sdl: GRIDS_SDL,
  resolvers: {
    Query: { grid: (_: unknown, { id }: { id: string }) => grid(id), grids: (_: unknown, { ids }: { ids: string[] }) => ids.map(grid) },
    Grid: { __resolveReference: (ref: { id: string }) => grid(ref.id) },
  },
};
const CLUES: Omit<SubgraphSpec, 'port'> = {
  name: 'clues',
  sdl: CLUES_SDL,
  resolvers: {
    Query: { clueCount: () => 7 },
    Grid: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), openClues: () => 3 },
  },
};

/** One query touching both subgraphs: a grids root field, a clues root field, a clues entity field. */
const QUERY = '{ grid(id: "g1") { id name openClues } clueCount }';
const FULL = { data: { grid: { id: 'g1', name: '网格 g1', openClues: 3 }, clueCount: 7 } };
const PARTIAL_DATA = { grid: { id: 'g1', name: '网格 g1', openClues: null }, clueCount: null };
const UNAVAILABLE = {
  message: 'The clues service is unavailable; retry the request.',
  extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, serviceName: 'clues' },
};
const TIMEOUT_MS = 1_000;

let keys: DevKeyPair;
let grids: TestSubgraph;
let clues: TestSubgraph;
let gateway: Gateway;
let auth: Record<string, string>;

interface Answer {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function query(q = QUERY): Promise<Answer> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
    body: JSON.stringify({ query: q }),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

/** Errors in a stable order (the two clues fetches of QUERY run concurrently). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byPath = (errors: any[]) => [...errors].sort((a, b) => String(JSON.stringify(a.path)).localeCompare(String(JSON.stringify(b.path))));

/** Nothing of where the subgraph runs or how reaching it failed: the whole answer's text. */
function expectNoInternals(answer: Answer): void {
  expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|ECONN|socket|getaddrinfo|"response"|"url"|stacktrace/i);
  expect(answer.text).not.toContain(String(clues.port));
}

beforeAll(async () => {
  keys = await generateDevKeyPair();
  grids = await startSubgraph(GRIDS);
  clues = await startSubgraph(CLUES);
  const config: GatewayConfig = {
    ...loadGatewayConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', AUTH_PUBLIC_KEY_FILE: '/unused' }),
    subgraphUrls: { grids: grids.url, clues: clues.url },
    subgraphTimeoutMs: TIMEOUT_MS,
    shutdownGraceMs: 1_000,
  };
  gateway = createGateway(config, {
    logger: createLogger('gateway', 'silent'),
    verifier: createTokenVerifier({ publicKeyPem: keys.publicKeyPem, issuer: 'pgov-dev-idp', audience: 'pgov-api' }),
    supergraphSdl: composeForTest([
      { name: 'grids', url: 'http://127.0.0.1:1/graphql', sdl: GRIDS_SDL },
      { name: 'clues', url: 'http://127.0.0.1:1/graphql', sdl: CLUES_SDL },
    ]),
  });
  await gateway.start();
  const token = await mintToken(keys.privateKey, { subject: 'u-1', name: '张三', roles: [Role.PROCURATOR], district: '610113' }, { expiresIn: '1h' });
  auth = { authorization: `Bearer ${token}` };
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([grids?.stop(), clues?.stop()]);
});

afterEach(() => clues.fault(null));

describe('a subgraph down', () => {
  it('answers the other subgraph’s data and SERVICE_UNAVAILABLE at each missing part, then recovers when the subgraph is back on its port', async () => {
    // A kept-alive connection to clues is in the gateway's pool before clues goes away.
    expect((await query()).json).toEqual(FULL);
    await clues.stop();

    const down = await query();
    expect(down.status).toBe(200);
    expect(down.json.data).toEqual(PARTIAL_DATA);
    expect(byPath(down.json.errors)).toEqual([
      { ...UNAVAILABLE, path: ['clueCount'] },
      { ...UNAVAILABLE, path: ['grid', 'openClues'] },
    ]);
    expectNoInternals(down);

    // Many callers at once while it is down: every one answered, the gateway still up.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => query(`{ grid(id: "b${i}") { name openClues } }`)));
    expect(burst.every((a) => a.json.data.grid.openClues === null && a.json.errors[0].extensions.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect((await fetch(new URL('/healthz', gateway.url))).status).toBe(200);

    clues = await startSubgraph({ ...CLUES, port: clues.port });
    expect((await query()).json).toEqual(FULL);
  });

  it('answers fully right after a restart it did not see (no call in between): the closed kept-alive connection is not reused', async () => {
    expect((await query()).json).toEqual(FULL);
    await clues.stop();
    clues = await startSubgraph({ ...CLUES, port: clues.port });
    expect((await query()).json).toEqual(FULL);
  });

  it('names each missing entity field in a list', async () => {
    clues.fault({ hangUp: true });
    const answer = await query('{ grids(ids: ["g1", "g2"]) { name openClues } }');
    expect(answer.json.data).toEqual({ grids: [{ name: '网格 g1', openClues: null }, { name: '网格 g2', openClues: null }] });
    expect(byPath(answer.json.errors)).toEqual([
      { ...UNAVAILABLE, path: ['grids', 0, 'openClues'] },
      { ...UNAVAILABLE, path: ['grids', 1, 'openClues'] },
    ]);
    expectNoInternals(answer);
  });

  it('a connection dropped without an answer is SERVICE_UNAVAILABLE too', async () => {
    clues.fault({ hangUp: true });
    const answer = await query();
    expect(answer.json.data).toEqual(PARTIAL_DATA);
    expect(answer.json.errors.map((e: { extensions: unknown }) => e.extensions)).toEqual([UNAVAILABLE.extensions, UNAVAILABLE.extensions]);
    expectNoInternals(answer);
    clues.fault(null);
    expect((await query()).json).toEqual(FULL);
  });
});

describe('a subgraph answering an HTTP error', () => {
  it('passes a GraphQL error body’s message, code and retryable through, without the subgraph’s URL or body', async () => {
    clues.fault({
      status: 503,
      body: { errors: [{ message: 'The service is briefly unavailable; retry the request.', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] },
    });
    const answer = await query();
    expect(answer.json.data).toEqual(PARTIAL_DATA);
    const passed = { message: 'The service is briefly unavailable; retry the request.', extensions: UNAVAILABLE.extensions };
    expect(byPath(answer.json.errors)).toEqual([
      { ...passed, path: ['clueCount'] },
      { ...passed, path: ['grid', 'openClues'] },
    ]);
    expectNoInternals(answer);
  });

  it('masks an error body without a code (whatever it says) as INTERNAL_SERVER_ERROR, still naming the service', async () => {
    clues.fault({ status: 500, body: { errors: [{ message: 'connect ECONNREFUSED 10.1.2.3:5432', extensions: { stacktrace: ['at db.ts:1'] } }] } });
    const answer = await query();
    expect(answer.json.data).toEqual(PARTIAL_DATA);
    expect(answer.json.errors.map((e: { message: string; extensions: unknown }) => [e.message, e.extensions])).toEqual([
      ['Internal server error', { code: 'INTERNAL_SERVER_ERROR', serviceName: 'clues' }],
      ['Internal server error', { code: 'INTERNAL_SERVER_ERROR', serviceName: 'clues' }],
    ]);
    expect(answer.text).not.toMatch(/10\.1\.2\.3|5432|db\.ts/);
    expectNoInternals(answer);
  });

  it('answers a proxy’s 502 page (not GraphQL) as SERVICE_UNAVAILABLE', async () => {
    clues.fault({ status: 502, contentType: 'text/html', body: '<html>502 Bad Gateway: upstream 10.1.2.3:4002 refused</html>' });
    const answer = await query();
    expect(answer.json.data).toEqual(PARTIAL_DATA);
    expect(byPath(answer.json.errors)).toEqual([
      { ...UNAVAILABLE, path: ['clueCount'] },
      { ...UNAVAILABLE, path: ['grid', 'openClues'] },
    ]);
    expect(answer.text).not.toMatch(/10\.1\.2\.3|Bad Gateway|html/);
    expectNoInternals(answer);
  });
});

describe('a subgraph slower than the subgraph timeout', () => {
  it('is SERVICE_UNAVAILABLE within the timeout, and answers fully once it is quick again', async () => {
    clues.fault({ delayMs: 20_000 });
    const started = Date.now();
    const answer = await query();
    const elapsed = Date.now() - started;
    expect(answer.json.data).toEqual(PARTIAL_DATA);
    expect(byPath(answer.json.errors)).toEqual([
      { ...UNAVAILABLE, path: ['clueCount'] },
      { ...UNAVAILABLE, path: ['grid', 'openClues'] },
    ]);
    expectNoInternals(answer);
    expect(answer.text).not.toMatch(/within|ms\b/);
    // The deadline answered, not the subgraph (20 s): a bound on correctness, not a speed measure.
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 4_000);

    clues.fault(null);
    expect((await query()).json).toEqual(FULL);
  });
});
