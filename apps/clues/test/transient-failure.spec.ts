import { createServer, type AddressInfo, type Server, type Socket, connect } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { isTransientFailure } from '@pgov/errors';
import { testDatabaseUrl, truncateTables, waitFor, withPg } from '@pgov/testing';
import { PrismaClient } from '../src/generated/prisma/client';
import { createDb, type CluesDb } from '../src/persistence/prisma';

// isTransientFailure (@pgov/errors) over the errors Prisma 7 and its pg driver adapter really throw,
// each provoked on the real PostgreSQL: a backend terminated (as a restart does) in the middle of a
// statement and between two, a port nobody listens on, a connection cut on the wire, conflicts,
// pool and connection-slot exhaustion; and errors that must not count. The server is never stopped:
// only this spec's own connections are terminated, told apart by their application_name.

const DB = testDatabaseUrl('clues');
const APP = `transient-spec-${process.pid}`;
const withAppName = (url: string, name = APP) => `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Terminates every backend of this spec's clients (what a restart does to them), and waits until they are gone. */
async function terminateOurs(): Promise<void> {
  const ours = `FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`;
  await withPg(DB, (c) => c.query(`SELECT pg_terminate_backend(pid) ${ours}`, [APP]));
  await waitFor(async () => (await withPg(DB, (c) => c.query(`SELECT 1 ${ours}`, [APP]))).rows.length === 0, { what: 'our backends gone' });
}

/** Resolves once one of this spec's statements waits on a lock, i.e. is in flight. */
const inFlight = () =>
  waitFor(
    async () =>
      (await withPg(DB, (c) => c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`, [APP])))
        .rows.length > 0,
    { what: 'a statement waiting on the lock' },
  );

/** Runs `during` while another session holds `lock` on table clue_number_counter (a statement of ours then waits). */
async function whileLocked<T>(lock: string, during: () => Promise<T>): Promise<T> {
  return withPg(DB, async (c) => {
    await c.query('BEGIN');
    await c.query(`LOCK TABLE clue_number_counter IN ${lock} MODE`);
    try {
      return await during();
    } finally {
      await c.query('ROLLBACK');
    }
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let db: CluesDb;

beforeAll(async () => {
  await truncateTables(DB);
  db = createDb(withAppName(DB));
});
afterAll(() => db?.$disconnect());

describe('PostgreSQL terminates the connection (57P01, as in a restart)', () => {
  it('of a model query in flight: P2039 "Database error", SQLSTATE in the adapter error', async () => {
    const error = await whileLocked('ACCESS EXCLUSIVE', async () => {
      const count = rejection(db.clueNumberCounter.count());
      await inFlight();
      await terminateOurs();
      return count;
    });
    expect(error).toMatchObject({ code: 'P2039', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } } });
    expect((error as Error).message).toMatch(/Database error\. Code: `57P01`/);
    expect(isTransientFailure(error)).toBe(true);
  });

  it('of a raw statement in flight in a transaction: P2010 "Raw query failed"', async () => {
    const error = await whileLocked('ACCESS EXCLUSIVE', async () => {
      const tx = rejection(db.$transaction((t) => t.$executeRaw`UPDATE clue_number_counter SET last = last + 1`));
      await inFlight();
      await terminateOurs();
      return tx;
    });
    expect(error).toMatchObject({ code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } } });
    expect(isTransientFailure(error)).toBe(true);
  });

  it("between two statements of a transaction: node-postgres' bare \"not queryable\"", async () => {
    const error = await rejection(
      db.$transaction(async (tx) => {
        await tx.clueNumberCounter.count();
        await terminateOurs();
        return tx.clueNumberCounter.count();
      }),
    );
    expect(error).toMatchObject({ message: 'Client has encountered a connection error and is not queryable' });
    expect(isTransientFailure(error)).toBe(true);
  });

  it('and the pool serves the next query on a fresh connection', async () => {
    await db.clueNumberCounter.count();
    await terminateOurs();
    await expect(db.clueNumberCounter.count()).resolves.toBe(0);
  });
});

describe('the database cannot be reached', () => {
  let unreachable: PrismaClient;
  beforeAll(async () => {
    unreachable = createDb(`postgresql://clues:clues@127.0.0.1:${await freePort()}/clues`);
  });
  afterAll(() => unreachable.$disconnect());

  it('a model query: P1001; a raw one: P2010; a transaction: P1001, all DatabaseNotReachable', async () => {
    const model = await rejection(unreachable.clueNumberCounter.count());
    const raw = await rejection(unreachable.$queryRaw`SELECT 1`);
    const tx = await rejection(unreachable.$transaction((t) => t.clueNumberCounter.count()));
    expect([model, raw, tx]).toMatchObject([{ code: 'P1001' }, { code: 'P2010' }, { code: 'P1001' }]);
    for (const error of [model, raw, tx]) {
      expect(error).toMatchObject({ meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } });
      expect(isTransientFailure(error)).toBe(true);
    }
  });

  it('a connection cut on the wire mid-statement: node-postgres\' bare "Connection terminated unexpectedly"', async () => {
    // A loopback relay to the real server, whose sockets are destroyed while a statement waits.
    const sockets = new Set<Socket>();
    const relay: Server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const target = new URL(DB);
    target.host = `127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const viaRelay = createDb(withAppName(target.toString()));
    try {
      const error = await whileLocked('ACCESS EXCLUSIVE', async () => {
        const count = rejection(viaRelay.clueNumberCounter.count());
        await inFlight();
        for (const socket of sockets) socket.destroy();
        return count;
      });
      expect(error).toMatchObject({ message: 'Connection terminated unexpectedly' });
      expect(isTransientFailure(error)).toBe(true);
    } finally {
      await viaRelay.$disconnect();
      await new Promise((resolve) => relay.close(resolve));
    }
  });
});

/** A meeting point of `parties` concurrent transactions: each call resolves once all have called. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

describe('conflicts that a retry resolves', () => {
  beforeEach(() => withPg(DB, (c) => c.query(`INSERT INTO clue_number_counter VALUES ('610113', 2026, 0), ('610124', 2026, 0) ON CONFLICT DO NOTHING`)));

  it('a serialization failure (40001): TransactionWriteConflict, at a statement (in P2010) or at commit (bare)', async () => {
    // Both read both rows, then each writes a row the other read: one of the two must fail.
    const bothRead = barrier(2);
    const writeSkew = (district: string) =>
      db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT sum(last) FROM clue_number_counter`;
          await bothRead();
          await tx.$executeRaw`UPDATE clue_number_counter SET last = last + 1 WHERE district_code = ${district}`;
        },
        { isolationLevel: 'Serializable' },
      );
    const results = await Promise.allSettled([writeSkew('610113'), writeSkew('610124')]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { name?: string; meta?: { driverAdapterError?: unknown } }] : []));
    expect(failures).toHaveLength(1);
    // Prisma wraps a statement's failure; the commit's reaches the caller as the adapter threw it.
    const failure = failures[0];
    const adapterError = failure?.name === 'DriverAdapterError' ? failure : failure?.meta?.driverAdapterError;
    expect(adapterError).toMatchObject({ cause: { kind: 'TransactionWriteConflict', originalCode: '40001' } });
    expect(isTransientFailure(failure)).toBe(true);
  });

  it('a deadlock (40P01): P2034 from a model update', async () => {
    const bothLocked = barrier(2);
    const crossed = (first: string, second: string) =>
      db.$transaction(async (tx) => {
        await tx.clueNumberCounter.update({ where: { districtCode_year: { districtCode: first, year: 2026 } }, data: { last: { increment: 1 } } });
        await bothLocked();
        await tx.clueNumberCounter.update({ where: { districtCode_year: { districtCode: second, year: 2026 } }, data: { last: { increment: 1 } } });
      });
    const results = await Promise.allSettled([crossed('610113', '610124'), crossed('610124', '610113')]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'P2034', meta: { driverAdapterError: { cause: { kind: 'TransactionWriteConflict', originalCode: '40P01' } } } });
    expect(isTransientFailure(failures[0])).toBe(true);
  });
});

/** A transaction that takes the client's one connection and keeps it for a second. */
function holdTheOnlyConnection(client: PrismaClient) {
  let held: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = client.$transaction(async (tx) => {
    await tx.clueNumberCounter.count();
    held();
    await sleep(1000);
  });
  return { holding, done };
}

describe('no connection to be had', () => {
  it("the pool's timeout (pg-pool: a bare \"timeout exceeded when trying to connect\")", async () => {
    const small = new PrismaClient({ adapter: new PrismaPg({ connectionString: withAppName(DB), max: 1, connectionTimeoutMillis: 200 }) });
    try {
      const holder = holdTheOnlyConnection(small);
      await holder.holding;
      const error = await rejection(small.clueNumberCounter.count());
      await holder.done;
      expect(error).toMatchObject({ message: 'timeout exceeded when trying to connect' });
      expect(isTransientFailure(error)).toBe(true);
    } finally {
      await small.$disconnect();
    }
  });

  it("a transaction's maxWait: P2028 \"Unable to start a transaction in the given time\"", async () => {
    const small = new PrismaClient({ adapter: new PrismaPg({ connectionString: withAppName(DB), max: 1 }) });
    try {
      const holder = holdTheOnlyConnection(small);
      await holder.holding;
      const error = await rejection(small.$transaction((tx) => tx.clueNumberCounter.count(), { maxWait: 200 }));
      await holder.done;
      expect(error).toMatchObject({ code: 'P2028' });
      expect(isTransientFailure(error)).toBe(true);
    } finally {
      await small.$disconnect();
    }
  });

  it('no connection slot left on the server (53300): TooManyConnections', async () => {
    const fresh = createDb(withAppName(DB));
    const error = await withPg(DB, async (c) => {
      const { rows } = await c.query<{ db: string }>('SELECT current_database() AS db');
      const name = `"${rows[0]?.db}"`;
      // The owner's right on its own database: no new session is admitted until this is undone, just below.
      await c.query(`ALTER DATABASE ${name} CONNECTION LIMIT 0`);
      try {
        return await rejection(fresh.clueNumberCounter.count());
      } finally {
        await c.query(`ALTER DATABASE ${name} CONNECTION LIMIT -1`);
      }
    });
    await fresh.$disconnect();
    expect(error).toMatchObject({ meta: { driverAdapterError: { cause: { kind: 'TooManyConnections', originalCode: '53300' } } } });
    expect(isTransientFailure(error)).toBe(true);
  });
});

describe('what is not transient', () => {
  it('a unique violation (P2002), a missing record (P2025), a syntax error (42601), an expired transaction (P2028)', async () => {
    const row = { districtCode: '610100', year: 2026, last: 0 };
    await db.clueNumberCounter.create({ data: row });
    const unique = await rejection(db.clueNumberCounter.create({ data: row }));
    const missing = await rejection(db.clueNumberCounter.update({ where: { districtCode_year: { districtCode: '610199', year: 1999 } }, data: { last: 1 } }));
    const syntax = await rejection(db.$queryRawUnsafe('SELEC 1'));
    const expired = await rejection(
      db.$transaction(
        async (tx) => {
          await sleep(400);
          return tx.clueNumberCounter.count();
        },
        { timeout: 200 },
      ),
    );
    expect([unique, missing, syntax, expired]).toMatchObject([
      { code: 'P2002' },
      { code: 'P2025' },
      { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '42601' } } } },
      { code: 'P2028' },
    ]);
    for (const error of [unique, missing, syntax, expired]) expect(isTransientFailure(error)).toBe(false);
  });
});
