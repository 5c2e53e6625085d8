import { Role } from '@pgov/auth';
import { clueSubmitted } from '@pgov/contracts';
import { createLogger } from '@pgov/logger';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  type GraphQLResponse,
  identityOf,
  kafkaBrokers,
  kafkaTestSecurity,
  serviceTestEnv,
  testDatabaseUrl,
  type TestKeys,
  testNamespace,
  truncateTables,
  waitFor,
  withPg,
} from '@pgov/testing';
import { Kafka, logLevel } from 'kafkajs';
import { readConfig } from '../src/config';
import { clueRepository } from '../src/persistence/clue.repository';
import { createDb } from '../src/persistence/prisma';
import { createCluesService } from '../src/service';
import { clueIntake } from '../src/services/clue-intake';

// Integration: the clues subgraph on the real PostgreSQL and Kafka, called over HTTP with real tokens.
const DB = testDatabaseUrl('clues');
// Topics and consumer group of this run only (t<hex>.clues.clue.v1, ...), deleted afterwards.
const NAMESPACE = testNamespace();
const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number status districtCode source reporter { id } } }`;
const worker = identityOf(Role.GRID_WORKER, '610113');
const input = { title: '河道夜间排污', description: '某工厂夜间向河道排放污水', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-001-001-01' };

let keys: TestKeys;
let service: ReturnType<typeof createCluesService>;
let url: string;

beforeAll(async () => {
  await truncateTables(DB);
  keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('clues', { keys, namespace: NAMESPACE, extra: { OUTBOX_POLL_MS: '50' } }));
  service = createCluesService(config, createLogger('clues-test', 'silent'));
  url = await service.start();
});

afterAll(async () => {
  await service?.stop();
  await deleteNamespace(NAMESPACE);
});

const count = (table: string) => withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM ${table}`)).rows[0].count));

describe('submitClue', () => {
  it('stores the clue and its outbox event together, and the event reaches Kafka keyed by the clue id', async () => {
    const res = await graphql<{ submitClue: { id: string; number: string; status: string; reporter: { id: string } } }>(url, SUBMIT, { input }, await keys.token(worker));
    expect(res.errors).toBeUndefined();
    const clue = res.data!.submitClue;
    expect(clue).toMatchObject({ status: 'SUBMITTED', reporter: { id: worker.subject } });
    expect(clue.number).toMatch(/^610113-\d{4}-\d{6}$/);

    const outbox = await withPg(DB, async (c) => (await c.query(`SELECT key, type, envelope FROM outbox_event WHERE key = $1`, [clue.id])).rows);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ type: 'clues.clue.submitted', envelope: { subject: clue.id, data: { reporterMemberId: worker.subject, source: 'GRID_REPORT' } } });
    // The number is issued by the statement that writes the clue: the event carries that one.
    expect(outbox[0].envelope.data.number).toBe(clue.number);

    // Read the topic as any other consumer would.
    const consumer = new Kafka({ clientId: 'clues-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() }).consumer({ groupId: `${NAMESPACE}clues-test-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: NAMESPACE + clueSubmitted.topic, fromBeginning: true });
    const seen: { key: string; id: string }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: message.key!.toString(), id: JSON.parse(message.value!.toString()).data.clueId });
      },
    });
    try {
      const mine = await waitFor(async () => seen.find((m) => m.id === clue.id), { what: 'the clue event on Kafka' });
      expect(mine.key).toBe(clue.id);
    } finally {
      await consumer.disconnect();
    }
    await waitFor(async () => (await withPg(DB, async (c) => (await c.query(`SELECT published_at FROM outbox_event WHERE key = $1`, [clue.id])).rows[0].published_at)) ?? false, {
      what: 'the outbox row marked published',
    });
  });

  it('answers the new clue as Prisma reads it back: every column, with its attachments and SUBMITTED history', async () => {
    const db = createDb(DB);
    try {
      const attachments = [{ name: '现场.jpg', sha256: 'ab'.repeat(32), size: 2048, mediaType: 'image/jpeg' }];
      const created = await db.$transaction((tx) =>
        clueIntake({ clues: clueRepository(db), config: { DUPLICATE_WINDOW_DAYS: 30, DUPLICATE_TITLE_SIMILARITY: 0.5 } }).create(
          tx,
          { ...input, category: 'PUBLIC_INTEREST_ECOLOGY', source: 'GRID_REPORT', districtCode: '610113', location: null, reporterMemberId: worker.subject, submittedBy: worker.subject, attachments },
          new Date('2026-11-26T02:00:00Z'),
        ),
      );
      expect(created).toEqual(await db.clue.findUniqueOrThrow({ where: { id: created.id } }));
      expect(await db.clueAttachment.findMany({ where: { clueId: created.id }, select: { name: true, sha256: true, size: true, mediaType: true } })).toEqual(attachments);
      expect(await db.clueTransition.findMany({ where: { clueId: created.id }, select: { from: true, to: true, by: true, at: true } })).toEqual([
        { from: null, to: 'SUBMITTED', by: worker.subject, at: new Date('2026-11-26T02:00:00Z') },
      ]);
    } finally {
      await db.$disconnect();
    }
  });

  it('numbers concurrent submissions uniquely and without gaps', async () => {
    const token = await keys.token(identityOf(Role.GRID_WORKER, '610124'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => graphql<{ submitClue: { number: string } }>(url, SUBMIT, { input: { ...input, title: `并发线索 ${i}`, gridCode: '610124-01' } }, token)),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const seqs = results.map((r) => Number(r.data!.submitClue.number.split('-')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses bad input with the field and reason, and writes nothing', async () => {
    const before = [await count('clue'), await count('outbox_event')];
    const res = await graphql(url, SUBMIT, { input: { ...input, title: ' ', gridCode: '610102-01' } }, await keys.token(worker));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const wrongGrid = await graphql(url, SUBMIT, { input: { ...input, gridCode: '610102-01' } }, await keys.token(worker));
    expect(wrongGrid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridCode' });
    expect([await count('clue'), await count('outbox_event')]).toEqual(before);
  });

  it('refuses a caller without a valid token, and an analyst', async () => {
    const anonymous = await graphql(url, SUBMIT, { input });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await graphql(url, SUBMIT, { input }, (await createTestKeys().then((other) => other.token(worker))));
    expect(forged.status).toBe(401);
    const analyst = await graphql(url, SUBMIT, { input }, await keys.token(identityOf(Role.ANALYST, '610100')));
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("hides another grid worker's clue and the informant from a clerk", async () => {
    const mine = await graphql<{ submitClue: { id: string } }>(url, SUBMIT, { input }, await keys.token(worker));
    const id = mine.data!.submitClue.id;
    const QUERY = `query($id: ID!) { clue(id: $id) { id reporter { id } } }`;
    const other = await graphql(url, QUERY, { id }, await keys.token(identityOf(Role.GRID_WORKER, '610113')));
    expect(other.data).toEqual({ clue: null });
    const clerk = await graphql<{ clue: { id: string; reporter: null } }>(url, QUERY, { id }, await keys.token(identityOf(Role.CLERK, '610113')));
    expect(clerk.data!.clue).toEqual({ id, reporter: null });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INFORMANT_IDENTITY_PROTECTED' });
    const elsewhere = await graphql(url, QUERY, { id }, await keys.token(identityOf(Role.PROCURATOR, '610102')));
    expect(elsewhere.data).toEqual({ clue: null });
    const procurator = await graphql(url, QUERY, { id }, await keys.token(identityOf(Role.PROCURATOR, '610113')));
    expect(procurator.data).toEqual({ clue: { id, reporter: { id: worker.subject } } });
  });

  type CluePage = { clues: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { number: string } }[] } };

  it('pages through a district\'s clues newest first with cursors, and refuses a forged cursor', async () => {
    const token = await keys.token(identityOf(Role.PROCURATOR, '610124'));
    const Q = `query($after: String) { clues(first: 7, districtCode: "610124", after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { number } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: GraphQLResponse<CluePage> = await graphql<CluePage>(url, Q, { after }, token);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.clues.edges.map((e) => e.node.number));
      if (!res.data!.clues.pageInfo.hasNextPage) break;
      after = res.data!.clues.pageInfo.endCursor;
    }
    // The 20 concurrent clues of 610124, each once, newest first.
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    const forged = await graphql(url, Q, { after: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url') }, token);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('shows its requests, outbox and consumer at /metrics, and is alive at /healthz', async () => {
    const token = await keys.token(worker);
    await graphql(url, `mutation Submit($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, { input: { ...input, title: '指标可见' } }, token);
    const base = url.replace(/\/graphql$/, '');
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/graphql_request_duration_seconds_count\{service="clues",operation="Submit",type="mutation",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/outbox_backlog\{service="clues"\} [0-9]+/);
    expect(text).toMatch(/outbox_oldest_age_seconds\{service="clues"\} [0-9.e+-]+/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
