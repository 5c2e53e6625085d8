import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from './forwarding-data-source';

// The subgraph fetcher against a real HTTP server that answers slowly and counts what reaches it.
let server: Server;
let url: string;
let hits: { authorization: string | undefined; body: string }[] = [];
let delayMs = 50;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ authorization: req.headers.authorization, body });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { n: hits.length } }));
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  hits = [];
  delayMs = 50;
});

const call = (fetcher: ReturnType<typeof subgraphFetcher>, query: string, token = 'Bearer a', variables: Record<string, unknown> = {}) =>
  (fetcher as unknown as (u: string, i: { headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; json(): Promise<{ data: { n: number } }> }>)(url, {
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });

describe('subgraphFetcher', () => {
  it('sends identical queries in flight at the same moment once, each caller getting its own copy', async () => {
    const fetcher = subgraphFetcher(5_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(fetcher, '{ district(code: "610113") { name } }')));
    expect(hits).toHaveLength(1);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies.every((b) => b.data.n === 1)).toBe(true);
    expect(new Set(bodies).size).toBe(5);
    // Once answered, the next one goes to the subgraph again (no caching).
    await call(fetcher, '{ district(code: "610113") { name } }');
    expect(hits).toHaveLength(2);
  });

  it('never shares between callers, variables, mutations or revealing reads', async () => {
    const fetcher = subgraphFetcher(5_000);
    await Promise.all([
      call(fetcher, '{ me { name } }', 'Bearer a'),
      call(fetcher, '{ me { name } }', 'Bearer b'),
      call(fetcher, 'query($c: ID!) { district(code: $c) { name } }', 'Bearer a', { c: '610113' }),
      call(fetcher, 'query($c: ID!) { district(code: $c) { name } }', 'Bearer a', { c: '610102' }),
      call(fetcher, 'mutation { submitClue { id } }'),
      call(fetcher, 'mutation { submitClue { id } }'),
      call(fetcher, '{ member(id: "m") { phone(reveal: true) } }'),
      call(fetcher, '{ member(id: "m") { phone(reveal: true) } }'),
    ]);
    expect(hits).toHaveLength(8);
    expect(hits.filter((h) => h.authorization === 'Bearer b')).toHaveLength(1);
  });

  it('gives up on a subgraph that does not answer in time', async () => {
    delayMs = 500;
    await expect(call(subgraphFetcher(100), '{ slow }')).rejects.toThrow(/within 100 ms/);
  });
});

describe('subgraphFetcher on a kept-alive connection the subgraph closes', () => {
  // A subgraph that answers the first call on each connection and closes the connection, without a
  // word, on any later one: what a client meets when it reuses an idle socket the subgraph is
  // closing at that moment (a restart, its keep-alive timeout).
  let closing: Server;
  let closingUrl: string;
  let requests = 0;
  beforeAll(async () => {
    const calls = new WeakMap<object, number>();
    closing = createServer((req, res) => {
      requests += 1;
      const n = (calls.get(req.socket) ?? 0) + 1;
      calls.set(req.socket, n);
      req.resume();
      req.on('end', () => {
        if (n > 1) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { n: requests } }));
      });
    });
    await new Promise<void>((r) => closing.listen(0, '127.0.0.1', r));
    closingUrl = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((r) => closing.close(() => r())));

  const send = (fetcher: ReturnType<typeof subgraphFetcher>, query: string) =>
    (fetcher as unknown as (u: string, i: { headers: Record<string, string>; body: string }) => Promise<{ ok: boolean }>)(closingUrl, {
      headers: { authorization: 'Bearer a', 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('sends a query again on a new connection', async () => {
    const fetcher = subgraphFetcher(5_000);
    requests = 0;
    expect((await send(fetcher, '{ a }')).ok).toBe(true);
    expect((await send(fetcher, '{ b }')).ok).toBe(true);
    expect(requests).toBe(3);
  });

  it('never sends a mutation twice: it fails as unavailable', async () => {
    const fetcher = subgraphFetcher(5_000);
    expect((await send(fetcher, '{ a }')).ok).toBe(true);
    requests = 0;
    await expect(send(fetcher, 'mutation { bump }')).rejects.toMatchObject({ name: 'SubgraphCallError', kind: 'unavailable' });
    expect(requests).toBe(1);
  });
});
