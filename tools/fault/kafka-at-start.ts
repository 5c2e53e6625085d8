/**
 * "Kafka unavailable at a service's start" (run.ts --kafka-at-start): the clues service starts while
 * its broker is down; it must serve anyway, /readyz must say what is not ready, mutations must
 * commit (to the outbox), and once the broker starts the events must be published in their order.
 */
import { Role, type Identity } from '@pgov/auth';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { PrivateKafka } from './private-kafka';
import type { Program } from './programs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readyz(port: number): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch {
    return undefined;
  }
}

export async function kafkaAtStart(options: { clues: Program; kafka: PrivateKafka; databaseUrl: string; token: (identity: Identity) => Promise<string>; log: (line: string) => void }): Promise<boolean> {
  const { clues, kafka, log } = options;
  const problems: string[] = [];
  clues.start();
  // Serving without the broker: /readyz answers (not ready) within the start-up time.
  let first: { status: number; body: unknown } | undefined;
  for (let i = 0; i < 600 && !first; i++) {
    first = await readyz(clues.port);
    if (!first) await sleep(200);
  }
  if (!first) throw new Error('clues did not answer /readyz within 120 s with the broker down');
  log(`clues /readyz with the broker down: ${first.status} ${JSON.stringify(first.body)}`);
  if (first.status !== 503) problems.push(`readiness was ${first.status}, not 503, with the broker down`);

  const procurator: Identity = { subject: 'fault-procurator-610113', name: '承办检察官', roles: [Role.PROCURATOR], district: '610113' };
  const worker: Identity = { subject: '00000000-0000-4000-8000-000000000001', name: '网格员', roles: [Role.GRID_WORKER], district: '610113' };
  const call = async (identity: Identity, query: string, input: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${clues.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.token(identity)}` },
      body: JSON.stringify({ query, variables: { input } }),
    });
    const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(`write refused with the broker down: ${JSON.stringify(body.errors)}`);
    return Object.values(body.data!)[0]!.id;
  };
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push(
      await call(worker, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, {
        title: `河道排污第${i + 1}处`,
        description: '网格员巡查发现。',
        category: 'PUBLIC_INTEREST_ECOLOGY',
        gridCode: '610113001001001',
      }),
    );
  }
  await call(procurator, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`, { clueId: ids[0] });
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  const outbox = async () =>
    (await db.query(`SELECT id::text, type, key, published_at IS NOT NULL AS published FROM outbox_event ORDER BY seq`)).rows as { id: string; type: string; key: string; published: boolean }[];
  const before = await outbox();
  log(`4 writes committed with the broker down: ${before.length} outbox rows, ${before.filter((r) => r.published).length} published`);
  if (before.length !== 4 || before.some((r) => r.published)) problems.push('the writes did not wait in the outbox');

  log('starting the broker');
  const brokerStarted = Date.now();
  await kafka.start();
  const upAt = Date.now();
  await clues.ready(120_000);
  log(`broker up after ${((upAt - brokerStarted) / 1000).toFixed(1)} s; clues ready ${((Date.now() - upAt) / 1000).toFixed(1)} s later: ${JSON.stringify((await readyz(clues.port))?.body)}`);
  for (let i = 0; i < 100 && (await outbox()).some((r) => !r.published); i++) await sleep(200);
  const after = await outbox();
  await db.end();
  if (after.some((r) => !r.published)) problems.push('the outbox was not published once the broker was up');

  // On the topic, in the outbox's order: the events of one clue in one partition, in sequence.
  const client = new Kafka({ clientId: 'fault-kafka-at-start', brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
  const consumer = client.consumer({ groupId: `fault-check-${Date.now()}` });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: 'clues.clue.v1', fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()).id as string) });
  for (let i = 0; i < 150 && seen.length < after.length; i++) await sleep(200);
  await consumer.disconnect();
  const order = after.map((r) => r.id);
  const firstClue = after.filter((r) => r.key === ids[0]).map((r) => r.id);
  const seenFirstClue = seen.filter((id) => firstClue.includes(id));
  log(`on clues.clue.v1: ${seen.length} of ${order.length} events; ${ids[0]}'s ${firstClue.length} events in order: ${JSON.stringify(seenFirstClue) === JSON.stringify(firstClue)}`);
  if (!order.every((id) => seen.includes(id))) problems.push('not every event reached the topic');
  if (JSON.stringify(seenFirstClue) !== JSON.stringify(firstClue)) problems.push('one clue’s events reached the topic out of order');
  for (const p of problems) log(`FAILED: ${p}`);
  console.log(`kafka at start: ${problems.length === 0 ? 'ok' : 'FAILED'} — readiness ${first.status} while down, 4 writes committed, ${seen.length}/${order.length} published in order after the broker started`);
  return problems.length === 0;
}
