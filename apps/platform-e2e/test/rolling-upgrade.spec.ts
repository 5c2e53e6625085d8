import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AssignerProtocol } from 'kafkajs';
import { Role } from '@pgov/auth';
import {
  buildEnvelope,
  CLUE_FACTS_REQUIRED,
  clueFactsProperties,
  clueSubmitted,
  defineEvent,
  schemaChanges,
  validateEnvelope,
  type ClueSubmittedData,
} from '@pgov/contracts';
import { chinaMonth } from '@pgov/reference-data';
import {
  createTestKeys,
  deleteNamespace,
  freePort,
  graphql,
  identityOf,
  serviceTestEnv,
  startProcess,
  testNamespace,
  upgradeDatabase,
  waitFor,
  waitUntilReady,
  type RunningProcess,
  type TestKeys,
} from '@pgov/testing';
import { caughtUp } from './kafka-helpers';
import { startPlatform, type Platform } from './platform';
import { buildRelease, previousRelease, type ReleaseBuild } from './previous-release';
import { roundRobinProxy } from './round-robin-proxy';

// Rolling upgrade of the indicators service (the consumer of the most topics) from its previous
// release, as Kubernetes does it: the release's own build (git, esbuild) runs on a database
// migrated as that release shipped it; the successor's migrations are applied beside it (additive);
// the successor starts in the same consumer group, both consume while events keep coming — some of
// them of the clue-submitted event with an optional field a newer clues release adds — and the
// gateway keeps answering through a Service-like round robin; then the old one is stopped.
// No event contract changed between indicators@0.1.0 and the successor, so the optional field is
// declared here as the next clues release would. indicators@0.1.0's consumer still validated
// strictly (tolerant reading, readEnvelope, came after it: f92597e): from that release this test
// fails naming the dead letters; ROLLING_UPGRADE_FROM=<ref> starts from another commit.

const SERVICE = 'indicators';
const district = '610113';
const month = chinaMonth(new Date());
const namespace = testNamespace();
const topic = namespace + clueSubmitted.topic;
const group = namespace + SERVICE;
const db = upgradeDatabase(SERVICE);
const reader = identityOf(Role.PROCURATOR, district);

/** clues.clue.submitted as a newer clues release publishes it: one optional field more, same type and version. */
const clueSubmittedNext = defineEvent<ClueSubmittedData & { channel?: string | null }>({
  type: clueSubmitted.type,
  version: clueSubmitted.version,
  topic: clueSubmitted.topic,
  aggregate: clueSubmitted.aggregate,
  partnerReadable: clueSubmitted.partnerReadable,
  description: `${clueSubmitted.description} (a newer clues release: the channel it came through)`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...CLUE_FACTS_REQUIRED, 'submittedAt'],
    properties: {
      ...clueFactsProperties,
      submittedAt: { type: 'string', format: 'date-time' },
      channel: { type: 'string', nullable: true, maxLength: 32 },
    },
  },
});

const OVERVIEW = `query($code: ID!, $month: String!) { district(code: $code) { name indicatorValues(periodKind: MONTH, period: $month) { indicator { code } value } } }`;
interface Overview {
  district: { name: string; indicatorValues: { indicator: { code: string }; value: number }[] } | null;
}

let release: ReleaseBuild;
let keys: TestKeys;
let platform: Platform;
let old: { proc: RunningProcess; origin: string };
let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
const running: RunningProcess[] = [];
let queries: ReturnType<typeof keepQuerying> | undefined;
const produced: { id: string; clueId: string; shape: 'old' | 'new' }[] = [];
let sequence = 0;

/** Publishes `count` clue submissions on the namespace's topic, every other one of the new shape when `mixed`. */
async function publish(count: number, mixed: boolean): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => {
    const clueId = randomUUID();
    const data: ClueSubmittedData = {
      clueId,
      number: `${district}-2026-${String(++sequence).padStart(6, '0')}`,
      districtCode: district,
      gridCode: null,
      source: 'GRID_REPORT',
      category: 'PUBLIC_INTEREST_ECOLOGY',
      reporterMemberId: null,
      submittedAt: new Date().toISOString(),
    };
    const shape = mixed && i % 2 === 0 ? 'new' : 'old';
    const envelope =
      shape === 'new'
        ? buildEnvelope(clueSubmittedNext, { subject: clueId, district, data: { ...data, channel: 'MOBILE_APP' } }, { source: 'clues' })
        : buildEnvelope(clueSubmitted, { subject: clueId, district, data }, { source: 'clues' });
    produced.push({ id: envelope.id, clueId, shape });
    return { key: clueId, value: JSON.stringify(envelope) };
  });
  const producer = platform.kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

/** Starts one indicators process on the upgrade database and waits until it is ready (consumer joined). */
async function startIndicators(name: string, entry: string): Promise<{ proc: RunningProcess; origin: string }> {
  const port = await freePort();
  const proc = startProcess(
    name,
    entry,
    serviceTestEnv(SERVICE, {
      keys,
      namespace,
      extra: { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'test', OUTBOX_POLL_MS: '50', KAFKAJS_NO_PARTITIONER_WARNING: '1', APOLLO_TELEMETRY_DISABLED: 'true' },
    }),
  );
  running.push(proc);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${origin}/readyz`, proc);
  return { proc, origin };
}

/** The consumer group's members and the partitions of the clue topic each holds. */
async function clueTopicAssignment(): Promise<number[][]> {
  const admin = platform.kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([group]);
    return (groups[0]?.members ?? []).map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic] ?? []);
  } finally {
    await admin.disconnect();
  }
}

/** Why each message on the clue topic's dead-letter topic is there (its dlq-reason header). */
async function deadLetterReasons(): Promise<string[]> {
  const admin = platform.kafka.admin();
  await admin.connect();
  const count = (await admin.fetchTopicOffsets(`${topic}.dlq`)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  if (count === 0) return [];
  const reasons: string[] = [];
  const consumer = platform.kafka.consumer({ groupId: `${namespace}rolling-upgrade-dlq-reader` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['dlq-reason'] ?? '?')) });
    await waitFor(async () => reasons.length >= count, { what: `${count} dead letters` });
  } finally {
    await consumer.disconnect();
  }
  return reasons;
}

/** Queries the gateway (grids + indicators in one answer) until stopped; every answer is kept. */
function keepQuerying() {
  const answers: { status: number; errors?: unknown; data?: Overview | null }[] = [];
  let stopped = false;
  const loop = (async () => {
    const token = await keys.token(reader);
    while (!stopped) {
      answers.push(await graphql<Overview>(platform.url, OVERVIEW, { code: district, month }, token).catch((e: Error) => ({ status: 0, errors: e.message })));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    answers,
    async stop() {
      stopped = true;
      await loop;
      return answers;
    },
  };
}

const countIn = async (sql: string) => Number((await db.sql<{ n: string }>(sql))[0]?.n);
const clueCount = (o: Overview) => o.district?.indicatorValues.find((v) => v.indicator.code === 'CLUES_FROM_GRIDS')?.value ?? 0;

beforeAll(async () => {
  release = buildRelease(previousRelease(SERVICE));
  keys = await createTestKeys();
  proxy = await roundRobinProxy();
  await db.create();
  await db.deploy(release.migrations);
  // 1. The previous release alone, on its own migrations, behind the Service the gateway calls
  // (the gateway is ready once it answers there).
  [platform, old] = await Promise.all([
    startPlatform(namespace, { keys, external: { [SERVICE]: proxy.url('/graphql') } }),
    startIndicators(`${SERVICE}@${release.version}`, release.main).then((started) => {
      proxy.add(started.origin);
      return started;
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await queries?.stop();
  await Promise.all(running.map((p) => p.stop()));
  await platform?.stopAll();
  await proxy?.close();
  await db.drop();
  await deleteNamespace(namespace);
}, 60_000);

describe(`rolling upgrade of ${SERVICE} from its previous release`, () => {
  it('is additive in its contract: the new optional field breaks no reader of the released schema', () => {
    expect(schemaChanges(clueSubmitted.dataSchema, clueSubmittedNext.dataSchema)).toEqual([]);
    // …and is really new: the released contract does not name it.
    const newer = buildEnvelope(clueSubmittedNext, { subject: randomUUID(), district, data: { ...sampleData(), channel: 'MOBILE_APP' } }, { source: 'clues' });
    expect(validateEnvelope(clueSubmitted, newer).ok).toBe(false);
  });

  it('upgrades with both builds consuming one group: every event applied once, none dead-lettered, the gateway never failing', async () => {
    queries = keepQuerying();
    await publish(6, false);
    await caughtUp(platform.kafka, group, topic);

    // 2. The successor's migrations applied under the running release; new-shape events start arriving.
    await db.deploy(db.migrations());
    await publish(8, true);
    await caughtUp(platform.kafka, group, topic);
    // Only the old build is running: it read the new shape (a fact for every event so far, no dead letter).
    expect({ facts: await countIn(`SELECT count(*) AS n FROM clue_fact`), deadLetters: await deadLetterReasons() }).toEqual({ facts: 14, deadLetters: [] });

    // 3. The successor beside it, same group: both hold partitions of the topic while events keep coming.
    const next = await startIndicators(`${SERVICE}@HEAD`, `apps/${SERVICE}/src/main.ts`);
    proxy.add(next.origin);
    await waitFor(async () => {
      const members = await clueTopicAssignment();
      return members.length === 2 && members.every((partitions) => partitions.length > 0);
    }, { what: 'both builds to hold partitions of the clue topic', timeoutMs: 30_000 });
    await publish(12, true);
    await caughtUp(platform.kafka, group, topic);

    // 4. The old one leaves the Service, then stops gracefully while events are still being published.
    proxy.remove(old.origin);
    const [exitCode] = await Promise.all([old.proc.stop(), publish(10, true)]);
    expect(exitCode).toBe(0);
    await caughtUp(platform.kafka, group, topic);
    const final = await waitFor(async () => {
      const o = (await graphql<Overview>(platform.url, OVERVIEW, { code: district, month }, await keys.token(reader))).data;
      return o && clueCount(o) === produced.length ? o : undefined;
    }, { what: `the gateway to show ${produced.length} clues` });
    const answers = await queries.stop();

    // Every event's effect exactly once: one processed record and one fact per event, the value their count.
    const processed = await db.sql<{ event_id: string }>(`SELECT event_id FROM processed_event WHERE consumer = $1`, [SERVICE]);
    expect(processed.map((r) => r.event_id).sort()).toEqual(produced.map((p) => p.id).sort());
    const facts = await db.sql<{ clue_id: string }>(`SELECT clue_id FROM clue_fact`);
    expect(facts.map((r) => r.clue_id).sort()).toEqual(produced.map((p) => p.clueId).sort());
    expect(clueCount(final)).toBe(produced.length);
    expect(produced.filter((p) => p.shape === 'new').length).toBeGreaterThan(10);
    expect(await deadLetterReasons()).toEqual([]);
    // The projection equals a recount from the facts (the service's own check).
    const check = spawnSync(process.execPath, ['--import', 'tsx', join('apps', SERVICE, 'src', 'replay', 'main.ts'), '--check'], {
      cwd: join(__dirname, '..', '..', '..'),
      env: { ...process.env, ...serviceTestEnv(SERVICE, { keys, namespace, extra: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' } }) },
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toMatch(/values, each equal to its recount/);
    expect(check.status).toBe(0);

    // The gateway answered every query, with data and without an error, through old, both and new.
    expect(answers.filter((a) => a.status !== 200 || a.errors !== undefined || !a.data?.district)).toEqual([]);
    expect(answers.length).toBeGreaterThan(20);
    expect(proxy.served.get(old.origin)).toBeGreaterThan(0);
    expect(proxy.served.get(next.origin)).toBeGreaterThan(0);
  }, 90_000);
});

function sampleData(): ClueSubmittedData {
  return {
    clueId: randomUUID(),
    number: `${district}-2026-999999`,
    districtCode: district,
    gridCode: null,
    source: 'GRID_REPORT',
    category: 'PUBLIC_INTEREST_ECOLOGY',
    reporterMemberId: null,
    submittedAt: new Date().toISOString(),
  };
}
