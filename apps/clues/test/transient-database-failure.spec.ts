import { randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import {
  createTestKeys,
  deleteNamespace,
  identityOf,
  serviceTestEnv,
  testDatabaseUrl,
  type TestKeys,
  testNamespace,
  truncateTables,
  waitFor,
  withPg,
} from '@pgov/testing';
import pino from 'pino';
import { readConfig } from '../src/config';
import { createCluesService } from '../src/service';

// The clues subgraph on the real PostgreSQL and Kafka while its database connections are terminated
// as a PostgreSQL restart terminates them (57P01), with a submitClue in flight: the caller is told to
// retry and nothing else, the server logs the original under the request id, nothing is half-written,
// and the retry succeeds. Only the service's own connections are terminated (its application_name);
// the server is never stopped.

const DB = testDatabaseUrl('clues');
const APP = `clues-transient-${process.pid}`;
const NAMESPACE = testNamespace();
const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`;
const worker = identityOf(Role.GRID_WORKER, '610113');
const input = { title: '河道夜间排污', description: '某工厂夜间向河道排放污水', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-001-001-01' };
const { hostname: DB_HOST, port: DB_PORT } = new URL(DB);

const logs: Record<string, unknown>[] = [];
let keys: TestKeys;
let service: ReturnType<typeof createCluesService>;
let url: string;

beforeAll(async () => {
  await truncateTables(DB);
  keys = await createTestKeys();
  const databaseUrl = `${DB}${DB.includes('?') ? '&' : '?'}application_name=${APP}`;
  const config = readConfig(serviceTestEnv('clues', { keys, namespace: NAMESPACE, extra: { OUTBOX_POLL_MS: '50', DATABASE_URL: databaseUrl } }));
  const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  service = createCluesService(config, logger);
  url = await service.start();
});

afterAll(async () => {
  await service?.stop();
  await deleteNamespace(NAMESPACE);
});

interface Answer {
  data?: { submitClue: { id: string; number: string } } | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
}

/** submitClue as the gateway sends it: the caller's token and the request id. */
async function submitClue(requestId: string): Promise<{ answer: Answer; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await keys.token(worker)}`, 'x-request-id': requestId },
    body: JSON.stringify({ query: SUBMIT, variables: { input } }),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { answer: JSON.parse(text) as Answer, text };
}

const count = (table: string) => withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM ${table}`)).rows[0].count));

/** Runs `during` while another session holds a lock on table clue that inserting a clue waits for. */
const whileClueLocked = <T>(during: () => Promise<T>) =>
  withPg(DB, async (c) => {
    await c.query('BEGIN');
    await c.query('LOCK TABLE clue IN SHARE MODE');
    try {
      return await during();
    } finally {
      await c.query('ROLLBACK');
    }
  });

describe('the database terminates the connections of a submitClue in flight', () => {
  it('answers SERVICE_UNAVAILABLE, retryable, with no internals; logs the original under the request id; writes nothing', async () => {
    const requestId = randomUUID();
    const { answer, text } = await whileClueLocked(async () => {
      const pending = submitClue(requestId);
      await waitFor(
        async () =>
          (
            await withPg(DB, (c) =>
              c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`, [APP]),
            )
          ).rows.length > 0,
        { what: 'submitClue waiting on the clue table' },
      );
      await withPg(DB, (c) =>
        c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [APP]),
      );
      return pending;
    });

    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      {
        message: 'The service is briefly unavailable; retry the request.',
        path: ['submitClue'],
        locations: [{ line: 1, column: SUBMIT.indexOf('submitClue') + 1 }],
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
      },
    ]);
    for (const internal of ['57P01', 'Database', 'terminating', 'postgres', DB_HOST, DB_PORT]) expect(text).not.toContain(internal);

    const logged = logs.filter((line) => line['requestId'] === requestId);
    expect(logged).toHaveLength(1);
    // The driver's own error: the statement that writes the clue is prepared on the pool, not Prisma's.
    expect(logged[0]).toMatchObject({ level: 40, path: 'submitClue', err: { code: '57P01', message: expect.stringContaining('terminating connection') } });

    expect([await count('clue'), await count('outbox_event')]).toEqual([0, 0]);
  });

  it('and a client retrying with back-off succeeds on fresh connections', async () => {
    // A pooled connection the restart closed may still be handed out once before its end is noticed.
    let answer: Answer = {};
    for (let attempt = 1; attempt <= 3; attempt++) {
      ({ answer } = await submitClue(randomUUID()));
      if (answer.errors?.[0]?.extensions['retryable'] !== true) break;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.submitClue.number).toMatch(/^610113-\d{4}-\d{6}$/);
    expect([await count('clue'), await count('outbox_event')]).toEqual([1, 1]);
  });
});

describe('an unexpected failure that retrying will not cure', () => {
  it('answers INTERNAL_SERVER_ERROR with a generic message and logs the original under the request id', async () => {
    // A table the mutation needs is gone (say, a migration not applied), for this one call.
    const requestId = randomUUID();
    const { answer, text } = await withPg(DB, async (c) => {
      await c.query('ALTER TABLE clue_number_counter RENAME TO clue_number_counter_away');
      try {
        return await submitClue(requestId);
      } finally {
        await c.query('ALTER TABLE clue_number_counter_away RENAME TO clue_number_counter');
      }
    });
    expect(answer.errors).toEqual([
      { message: 'Internal server error', path: ['submitClue'], locations: [{ line: 1, column: SUBMIT.indexOf('submitClue') + 1 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    for (const internal of ['clue_number_counter', '42P01', 'Raw query', 'does not exist']) expect(text).not.toContain(internal);
    expect(logs.filter((line) => line['requestId'] === requestId)).toEqual([
      expect.objectContaining({ level: 50, err: expect.objectContaining({ message: expect.stringContaining('clue_number_counter') }) }),
    ]);
  });
});
