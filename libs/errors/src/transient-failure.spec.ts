import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { GraphQLError } from 'graphql';
import { Client, Pool } from 'pg';
import { Conflict, InvalidInput } from './domain-errors';
import { isTransientFailure } from './transient-failure';

// Each failure is provoked for real on loopback, through node-postgres and Prisma's driver adapter,
// with no database: a port nobody listens on, a "server" that hangs up, one that never answers.
// The same failures as Prisma's client wraps them, and PostgreSQL's own (57P01, 40001, ...), are in
// apps/clues/test/transient-failure.spec.ts.

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function close({ server, sockets }: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
}

/** A loopback port that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const listening = await listen(() => undefined);
  await close(listening);
  return listening.port;
}

const url = (port: number) => `postgresql://nobody:secret@127.0.0.1:${port}/nothing`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function pgConnect(connectionString: string, options: { connectionTimeoutMillis?: number } = {}): Promise<unknown> {
  const client = new Client({ connectionString, ...options });
  client.on('error', () => undefined);
  return rejection(client.connect());
}

describe('isTransientFailure over real failures', () => {
  it('a refused connection: the socket error, and the driver adapter error that maps it', async () => {
    const port = await closedPort();
    const socketError = await pgConnect(url(port));
    expect(socketError).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect' });
    expect(isTransientFailure(socketError)).toBe(true);

    const adapter = await new PrismaPg({ connectionString: url(port) }).connect();
    try {
      const adapterError = await rejection(adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] }));
      expect(adapterError).toMatchObject({ name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } });
      expect(isTransientFailure(adapterError)).toBe(true);
    } finally {
      await adapter.dispose();
    }
  });

  it('a server that hangs up: node-postgres says only "Connection terminated unexpectedly"', async () => {
    const hangsUp = await listen((socket) => socket.end());
    try {
      const error = await pgConnect(url(hangsUp.port));
      expect(error).toMatchObject({ message: 'Connection terminated unexpectedly' });
      expect(isTransientFailure(error)).toBe(true);
    } finally {
      await close(hangsUp);
    }
  });

  it('a server that never answers: the connect timeout, and the pool timeout of a second caller', async () => {
    const silent = await listen(() => undefined);
    const pool = new Pool({ connectionString: url(silent.port), max: 1, connectionTimeoutMillis: 300 });
    pool.on('error', () => undefined);
    try {
      const [first, second] = await Promise.all([rejection(pool.connect()), rejection(pool.connect())]);
      const messages = [first, second].map((e) => (e as Error).message).sort();
      expect(messages).toEqual(['Connection terminated due to connection timeout', 'timeout exceeded when trying to connect']);
      expect(isTransientFailure(first)).toBe(true);
      expect(isTransientFailure(second)).toBe(true);
    } finally {
      await pool.end();
      await close(silent);
    }
  });

  it('finds the failure wherever it is wrapped: a GraphQL error, an Error cause, an AggregateError', async () => {
    const refused = await pgConnect(url(await closedPort()));
    expect(isTransientFailure(new GraphQLError('wrapped', { originalError: refused as Error }))).toBe(true);
    expect(isTransientFailure(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isTransientFailure(new AggregateError([new Error('other'), refused]))).toBe(true);
  });
});

describe('isTransientFailure leaves everything else alone', () => {
  it('domain and input errors, programming errors, and what is not an error', () => {
    expect(isTransientFailure(new InvalidInput('input.title', 'required'))).toBe(false);
    expect(isTransientFailure(new Conflict('SUBMITTED → CASE_OPENED is not allowed'))).toBe(false);
    expect(isTransientFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    for (const value of [undefined, null, 'ECONNREFUSED', 42, {}]) expect(isTransientFailure(value)).toBe(false);
  });

  it('a refused connection named only in a message does not count', () => {
    expect(isTransientFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
    expect(isTransientFailure(new Error('terminating connection due to administrator command'))).toBe(false);
  });

  it('ends on a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isTransientFailure(a)).toBe(false);
  });
});
