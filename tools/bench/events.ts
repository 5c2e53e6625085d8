/**
 * The event pipeline, measured: clue events written to the clues service's outbox (as its
 * transactions write them), published by the clues outbox relay, applied by a consumer (its real
 * handlers and run hooks) — from outbox row commit to projection commit:
 *   --consumer indicators (default): clues.clue.submitted → facts and values;
 *   --consumer grids: clues.clue.accepted naming a known member → points credit + its outbox event.
 * Two runs on scratch databases (clues_bench, <consumer>_bench: created and migrated here) and a
 * Kafka namespace of its own, loopback only, bounded in time:
 *   burst:  --events N rows at once → throughput;
 *   steady: --rate R events/s for --seconds S → lag from commit to projection (p50, p99); --seconds 0 skips it.
 *
 *   npx tsx tools/bench/events.ts [--consumer indicators|grids] [--events 20000] [--rate 1000] [--seconds 15] [--baseline]
 * --partitions N: partitions consumed concurrently (the topics have 3).
 * --baseline: as before LISTEN/NOTIFY and batched transactions (relay polls every 200 ms, one transaction per event).
 * Last line: `events: <n>/s, p99 lag <m> ms` (`events: <n>/s` with --seconds 0).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serviceEnv } from '@pgov/config';
import { createLogger } from '@pgov/logger';
import { createEventConsumer, createKafka, createOutboxRelay, ensureTopics } from '@pgov/messaging';
import { deleteNamespace, kafkaBrokers, testNamespace } from '@pgov/testing';
import { createDb as createCluesDb } from '../../apps/clues/src/persistence/prisma';
import { adminSecurity } from '../kafka/broker';
import { benchConsumers, type BenchConsumerName } from './event-consumers';

const ROOT = join(__dirname, '..', '..');
const url = (svc: string) => process.env[`${svc.toUpperCase()}_BENCH_DATABASE_URL`] ?? `postgresql://${svc}:${svc}@127.0.0.1:5432/${svc}_bench`;

function prepare(consumer: BenchConsumerName): void {
  execFileSync('bash', [join(ROOT, 'tools/infra/postgres.sh'), 'databases', '_bench'], { stdio: 'ignore' });
  for (const svc of ['clues', consumer]) {
    execFileSync(process.execPath, [join(ROOT, 'libs/prisma-offline/bin/prisma.cjs'), 'migrate', 'deploy', '--config', join(ROOT, `apps/${svc}/prisma.config.ts`)], {
      env: { ...process.env, DATABASE_URL: url(svc) },
      stdio: 'ignore',
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const { values } = parseArgs({
    options: {
      consumer: { type: 'string', default: 'indicators' },
      events: { type: 'string', default: '20000' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '15' },
      partitions: { type: 'string', default: '1' },
      baseline: { type: 'boolean', default: false },
    },
  });
  const name = values.consumer as BenchConsumerName;
  if (!(name in benchConsumers)) throw new Error(`--consumer must be one of ${Object.keys(benchConsumers).join(', ')}`);
  prepare(name);
  const logger = createLogger('bench-events', 'warn');
  const clues = createCluesDb(url('clues'));
  const target = benchConsumers[name](url(name));
  const { db } = target;
  const namespace = testNamespace();
  // As the broker's admin (it creates and deletes its topics): KAFKA_SASL_* when set, else tools/up.sh's credentials.
  const security = adminSecurity();
  const kafka = createKafka({ clientId: 'bench-events', brokers: kafkaBrokers(), namespace, logger, ...security });
  await clues.$executeRawUnsafe('TRUNCATE outbox_event');
  await target.reset();
  await ensureTopics(kafka, target.handlers.map((h) => h.event));
  const baseline = values.baseline === true;
  // The services' own settings (libs/config), unless --baseline.
  const env = serviceEnv(name, 0);
  const lingers = { relay: env.OUTBOX_LINGER_MS.parse(process.env['OUTBOX_LINGER_MS']), fetch: env.KAFKA_FETCH_LINGER_MS.parse(process.env['KAFKA_FETCH_LINGER_MS']) };
  const relay = createOutboxRelay({ db: clues, kafka, logger, pollIntervalMs: 200, batchSize: 500, ...(baseline ? {} : { listen: { connectionString: url('clues') }, lingerMs: lingers.relay }) });
  const consumer = createEventConsumer({
    kafka,
    groupId: name,
    db,
    logger,
    fromBeginning: true,
    handlers: target.handlers,
    ...(baseline ? { maxEventsPerTransaction: 1 } : { fetchLingerMs: lingers.fetch, ...(target.transactionHooks ? { transactionHooks: target.transactionHooks } : {}) }),
    partitionsConsumedConcurrently: Number(values.partitions),
  });

  /** Writes `n` clue events in one transaction, as the clues service's commits would. */
  const write = async (n: number) => {
    const rows = Array.from({ length: n }, (_, i) => target.event(i));
    await clues.$executeRawUnsafe(
      `INSERT INTO outbox_event (id, topic, key, type, envelope)
       SELECT id::uuid, topic, key, type, envelope::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, topic, key, type, envelope)`,
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => r[3]),
      rows.map((r) => r[4]),
    );
  };
  const processed = async () => Number((await db.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM processed_event'))[0]!.n);
  const waitProcessed = async (n: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while ((await processed()) < n) {
      if (Date.now() > deadline) throw new Error(`only ${await processed()} of ${n} events applied after ${timeoutMs} ms`);
      await sleep(50);
    }
  };
  /** Per event: projection commit (processed_at) − outbox row commit (created_at), same database clock domain (one server). */
  const lags = async () => {
    const created = new Map<string, number>(
      (await clues.$queryRawUnsafe<{ id: string; t: number }[]>('SELECT id::text AS id, extract(epoch FROM created_at) * 1000 AS t FROM outbox_event')).map((r) => [r.id, Number(r.t)]),
    );
    const applied = await db.$queryRawUnsafe<{ id: string; t: number }[]>('SELECT event_id::text AS id, extract(epoch FROM processed_at) * 1000 AS t FROM processed_event');
    return applied.map((r) => Number(r.t) - created.get(r.id)!).sort((a, b) => a - b);
  };

  try {
    await consumer.start();
    await relay.start();
    await sleep(3_000); // the consumer joins its group

    // Burst: N rows committed at once; throughput from the first commit to the last projection.
    const n = Number(values.events);
    const t0 = Date.now();
    for (let done = 0; done < n; done += 1000) await write(Math.min(1000, n - done));
    const writtenMs = Date.now() - t0;
    await waitProcessed(n, 300_000);
    const span = (await db.$queryRawUnsafe<{ ms: number }[]>('SELECT extract(epoch FROM max(processed_at)) * 1000 AS ms FROM processed_event'))[0]!.ms;
    const first = (await clues.$queryRawUnsafe<{ ms: number }[]>('SELECT extract(epoch FROM min(created_at)) * 1000 AS ms FROM outbox_event'))[0]!.ms;
    const throughput = Math.round(n / ((Number(span) - Number(first)) / 1000));
    console.log(`burst: ${n} events in ${((Number(span) - Number(first)) / 1000).toFixed(1)} s (written in ${writtenMs} ms) = ${throughput} events/s (${name})`);
    await target.check?.(n);

    // Steady: R events/s in 20 commits per second for S seconds.
    const rate = Number(values.rate);
    const seconds = Number(values.seconds);
    if (seconds <= 0) {
      console.log(`events: ${throughput}/s`);
      return;
    }
    await clues.$executeRawUnsafe('TRUNCATE outbox_event');
    await db.$executeRawUnsafe('TRUNCATE processed_event');
    const perTick = Math.max(1, Math.round(rate / 20));
    const start = Date.now();
    let written = 0;
    for (let tick = 0; tick < seconds * 20; tick++) {
      await write(perTick);
      written += perTick;
      const next = start + (tick + 1) * 50;
      await sleep(Math.max(0, next - Date.now()));
    }
    await waitProcessed(written, 120_000);
    const lag = await lags();
    console.log(`steady: ${written} events at ${rate}/s over ${seconds} s: lag p50 ${Math.round(percentile(lag, 50))} ms, p99 ${Math.round(percentile(lag, 99))} ms, max ${Math.round(lag.at(-1)!)} ms`);
    console.log(`events: ${throughput}/s, p99 lag ${Math.round(percentile(lag, 99))} ms`);
  } finally {
    await relay.stop();
    await consumer.stop();
    await clues.$disconnect();
    await db.$disconnect();
    await deleteNamespace(namespace, { security });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
