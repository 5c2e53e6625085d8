import { createServer, type AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'graphql';
import pino from 'pino';
import { NotFound } from '@pgov/graphql-kit';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server';

// A test subgraph on a real port whose resolvers fail as a service's would: a connection refused on
// the way to its database, an error full of internals, a domain error. What the caller sees, and
// what the server logs under the request id. (The same with PostgreSQL really terminating the
// connection of a submitClue in flight: apps/clues/test/transient-database-failure.spec.ts.)

/** A loopback port nobody listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What Prisma's driver adapter throws when its database refuses the connection (DatabaseNotReachable, with host and port). */
async function refusedConnection(port: number): Promise<Error> {
  const adapter = await new PrismaPg({ connectionString: `postgresql://nobody:secret@127.0.0.1:${port}/nothing` }).connect();
  try {
    await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
  } catch (error) {
    return error as Error;
  } finally {
    await adapter.dispose();
  }
  throw new Error('expected a refused connection');
}

const INTERNALS = 'relation "clue_number_counter" does not exist (db-1.internal:5432)';
const logs: Record<string, unknown>[] = [];
let server: SubgraphServer;
let refused: Error;
let port: number;
let failContext = false;

beforeAll(async () => {
  port = await closedPort();
  refused = await refusedConnection(port);
  server = createSubgraphServer<{ name: string }, { name: string }>({
    name: 'test',
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { unreachable: String  broken: String  missing: String  fine: String }
      type Thing @key(fields: "id") { id: ID! name: String }`),
    resolvers: {
      Query: {
        unreachable: () => Promise.reject(refused),
        broken: () => Promise.reject(new Error(INTERNALS)),
        missing: () => Promise.reject(new NotFound('Clue', 'c1')),
        fine: () => 'ok',
      },
      Thing: { __resolveReference: () => Promise.reject(refused) },
    },
    port: 0,
    logger: pino({ level: "warn" }, { write: (line: string) => logs.push(JSON.parse(line)) }),
    authenticate: async () => ({ name: 'x' }),
    context: ({ identity }) => {
      if (failContext) throw refused;
      return identity;
    },
    readiness: [],
  });
  await server.start();
});
afterAll(() => server?.stop());

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
}

async function post(query: string, requestId: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Answer; text: string }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer, text };
}

const logOf = (requestId: string) => logs.filter((l) => l['requestId'] === requestId);

describe('unexpected errors of a subgraph', () => {
  it('answers a transient failure SERVICE_UNAVAILABLE with retryable: true and no internals, and logs it whole', async () => {
    const { status, body, text } = await post('{ unreachable fine }', 'req-transient');
    expect(status).toBe(200);
    expect(body.data).toEqual({ unreachable: null, fine: 'ok' });
    expect(body.errors).toEqual([
      { message: 'The service is briefly unavailable; retry the request.', path: ['unreachable'], locations: [{ line: 1, column: 3 }], extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } },
    ]);
    expect(text).not.toMatch(new RegExp(`DatabaseNotReachable|127\\.0\\.0\\.1|${port}`));
    expect(logOf('req-transient')).toEqual([
      expect.objectContaining({ level: 40, path: 'unreachable', err: expect.objectContaining({ cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port } }) }),
    ]);
  });

  it('answers any other unexpected error INTERNAL_SERVER_ERROR, generic, and logs it whole', async () => {
    const { body, text } = await post('{ broken }', 'req-broken');
    expect(body.errors).toEqual([{ message: 'Internal server error', path: ['broken'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(text).not.toMatch(/clue_number_counter|db-1|5432/);
    expect(logOf('req-broken')).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ message: INTERNALS }) })]);
  });

  it('leaves domain errors and bad documents as they were, and logs neither', async () => {
    expect((await post('{ missing }', 'req-domain')).body.errors?.[0]).toMatchObject({ message: 'Clue c1 not found', extensions: { code: 'NOT_FOUND' } });
    expect((await post('{ nothing }', 'req-invalid')).body.errors?.[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect([...logOf('req-domain'), ...logOf('req-invalid')]).toEqual([]);
  });

  it('does the same for an entity reference the gateway asks for', async () => {
    const { body } = await post('query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { name } } }', 'req-entity', {
      r: [{ __typename: 'Thing', id: '1' }],
    });
    expect(body.errors?.[0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
    expect(logOf('req-entity')).toHaveLength(1);
  });

  it('and for a context that could not be made', async () => {
    failContext = true;
    try {
      const { body, text } = await post('{ fine }', 'req-context');
      expect(body.errors).toEqual([{ message: 'The service is briefly unavailable; retry the request.', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }]);
      expect(text).not.toMatch(/DatabaseNotReachable|Context creation/);
      expect(logOf('req-context')).toHaveLength(1);
    } finally {
      failContext = false;
    }
  });
});
