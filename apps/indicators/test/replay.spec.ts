import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { clueAccepted, clueCaseOpened, clueRejected, clueSubmitted, type ClueFacts } from '@pgov/contracts';
import { createLogger } from '@pgov/logger';
import { createKafka, type IncomingMessage } from '@pgov/messaging';
import { createTestKeys, deleteNamespace, kafkaBrokers, kafkaTestSecurity, serviceTestEnv, testNamespace, truncateTables, waitFor } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createIndicatorsService } from '../src/service';
import { replayIndicators } from '../src/services/replay.service';
import { createDb, type IndicatorsDb } from '../src/persistence/prisma';
import { DB, message } from './support/indicator-events';

// The replay on the real broker: the live consumer builds the values from the topics; the replay
// empties facts and values, reads the topics again from their beginning as a new group, and
// rebuilds exactly the same values, each equal to its recount.
const namespace = testNamespace();
const logger = createLogger('indicators-replay-test', 'silent');
let service: ReturnType<typeof createIndicatorsService>;
let stopped = false;
const db: IndicatorsDb = createDb(DB);

const DISTRICTS = ['610102', '610103', '610113', '610116'];

function clueStory(i: number): IncomingMessage[] {
  const clueId = randomUUID();
  const districtCode = DISTRICTS[i % DISTRICTS.length]!;
  const facts: ClueFacts = {
    clueId,
    number: `${districtCode}-2026-${String(i + 1).padStart(6, '0')}`,
    districtCode,
    gridCode: null,
    source: i % 5 === 0 ? 'HOTLINE_12309' : 'GRID_REPORT',
    category: i % 2 ? 'PUBLIC_INTEREST_ECOLOGY' : 'CIVIL',
    reporterMemberId: null,
  };
  const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + (i % 50) + d, 2)).toISOString();
  const out = [message(clueSubmitted, { ...facts, submittedAt: day(0) }, { subject: clueId })];
  if (i % 4 === 3) out.push(message(clueRejected, { clueId, number: facts.number, districtCode, reason: '不属于检察职能', rejectedBy: 'p', rejectedAt: day(2) }, { subject: clueId }));
  else if (i % 4 !== 0) out.push(message(clueAccepted, { ...facts, acceptedBy: 'p', acceptedAt: day(1 + (i % 3)) }, { subject: clueId }));
  if (i % 4 === 1) out.push(message(clueCaseOpened, { ...facts, department: 'CIVIL', openedBy: 'p', openedAt: day(9) }, { subject: clueId }));
  return out;
}

const snapshot = async () =>
  (
    await db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] })
  ).map(({ indicatorCode, districtCode, periodKind, period, numerator, denominator, value }) => ({ indicatorCode, districtCode, periodKind, period, numerator, denominator, value }));

beforeAll(async () => {
  await truncateTables(DB, ['indicator']);
  const keys = await createTestKeys();
  service = createIndicatorsService(readConfig(serviceTestEnv('indicators', { keys, namespace, extra: { OUTBOX_POLL_MS: '50' } })), logger);
  await service.start();
});

afterAll(async () => {
  if (!stopped) await service?.stop();
  await db.$disconnect();
  await deleteNamespace(namespace);
});

it('rebuilds on empty tables, from the topics, the values the live consumer kept, each equal to its recount', async () => {
  const messages = Array.from({ length: 60 }, (_, i) => clueStory(i)).flat();
  // At-least-once delivery: some events come twice.
  const twice = messages.filter((_, i) => i % 7 === 0);
  const kafka = new Kafka({ clientId: 'replay-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
  const producer = kafka.producer();
  await producer.connect();
  for (const m of [...messages, ...twice]) await producer.send({ topic: namespace + m.topic, messages: [{ key: m.key as string, value: m.value as string }] });
  await producer.disconnect();

  const applied = async () => Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM processed_event WHERE consumer = 'indicators'`)[0]!.n);
  await waitFor(async () => (await applied()) === messages.length, { what: 'the live consumer to apply every event', timeoutMs: 60_000 });
  const live = await snapshot();
  expect(live.find((v) => v.indicatorCode === 'CLUES_FROM_GRIDS' && v.districtCode === '610100' && v.periodKind === 'YEAR')?.numerator).toBe(48);
  await service.stop();
  stopped = true;

  let progressed = 0;
  const { replay, recount } = await replayIndicators(
    { db, kafka: createKafka({ clientId: 'replay-test', brokers: kafkaBrokers(), namespace, logger, ...kafkaTestSecurity() }), logger },
    { onProgress: (done) => (progressed = done) },
  );
  expect(replay.total).toBe(messages.length + twice.length);
  expect(replay.outcomes).toEqual({ applied: messages.length, duplicate: twice.length, ignored: 0, 'dead-lettered': 0 });
  expect(progressed).toBe(replay.total);
  expect(recount.mismatches).toEqual([]);
  expect(recount.compared).toBeGreaterThan(50);
  expect(await snapshot()).toEqual(live);
  expect(await applied()).toBe(messages.length);
}, 120_000);
