import { parse } from 'graphql';
import pino from 'pino';
import { createServiceMetrics } from '@pgov/metrics';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

// A test subgraph on a real port with the program's metrics and liveness: what a Prometheus
// scrape and a Kubernetes liveness probe get.
let server: SubgraphServer;
let base: string;
let consumerAlive = true;
const metrics = createServiceMetrics('test');

beforeAll(async () => {
  server = createSubgraphServer<{ name: string }, { name: string }>({
    name: 'test',
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { fine: String  refused: String }`),
    resolvers: { Query: { fine: () => 'ok', refused: () => Promise.reject(Object.assign(new Error('no'), { extensions: { code: 'FORBIDDEN' } })) } },
    port: 0,
    logger: pino({ level: 'silent' }),
    authenticate: async () => ({ name: 'caller' }),
    context: ({ identity }) => identity,
    readiness: [],
    liveness: [['kafka consumer', async () => { if (!consumerAlive) throw new Error('stopped for good'); }]],
    metrics,
  });
  base = (await server.start()).replace(/\/graphql$/, '');
});
afterAll(() => server.stop());

const query = (body: object) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: JSON.stringify(body) });

it('counts and times requests by operation, type and outcome, with process metrics, at /metrics', async () => {
  for (let i = 0; i < 3; i++) await query({ query: 'query DistrictOverview { fine }', operationName: 'DistrictOverview' });
  await query({ query: 'query { fine }' });
  // A client-chosen name longer than any of ours does not become a label of its own.
  const long = 'X'.repeat(80);
  await query({ query: `query ${long} { fine }`, operationName: long });
  await query({ query: 'query Refused { refused }', operationName: 'Refused' });
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await res.text();
  expect(text).toContain('graphql_request_duration_seconds_count{service="test",operation="DistrictOverview",type="query",outcome="ok"} 3');
  expect(text).toContain('graphql_request_duration_seconds_count{service="test",operation="anonymous",type="query",outcome="ok"} 1');
  expect(text).toContain('graphql_request_duration_seconds_count{service="test",operation="other",type="query",outcome="ok"} 1');
  expect(text).toContain('graphql_request_duration_seconds_count{service="test",operation="Refused",type="query",outcome="FORBIDDEN"} 1');
  expect(text).not.toContain(long);
  expect(text).toMatch(/process_cpu_seconds_total\{service="test"\} [0-9.]+/);
  expect(text).toMatch(/nodejs_eventloop_lag_seconds\{service="test"\}/);
});

it('reports liveness from its checks: a consumer that stopped for good fails /healthz', async () => {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  consumerAlive = false;
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: 'failed', service: 'test', checks: { 'kafka consumer': 'stopped for good' } });
  consumerAlive = true;
});
