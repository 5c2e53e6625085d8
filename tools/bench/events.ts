/**
 * The event pipeline, measured: clue events written to the clues service's outbox (as its
 * transactions write them), published by the clues outbox relay, applied by the indicators
 * consumer (its real handlers, facts and values) — from outbox row commit to projection commit.
 * Two runs on scratch databases (clues_bench, indicators_bench: created and migrated here) and a
 * Kafka namespace of its own, loopback only, bounded in time:
 *   burst:  --events N rows at once → throughput;
 *   steady: --rate R events/s for --seconds S → lag from commit to projection (p50, p99).
 *
 *   npx tsx tools/bench/events.ts [--events 20000] [--rate 1000] [--seconds 15] [--baseline]
 * --partitions N: partitions consumed concurrently (the topics have 3).
 * --baseline: as before LISTEN/NOTIFY and batched transactions (relay polls every 200 ms, one transaction per event).
 * Last line: `events: <n>/s, p99 lag <m> ms`.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEnvelope, clueSubmitted } from '@pgov/contracts';
import { createLogger } from '@pgov/logger';
import { createEventConsumer, createKafka, createOutboxRelay, ensureTopics } from '@pgov/messaging';
import { deleteNamespace, kafkaBrokers, kafkaTestSecurity, testNamespace } from '@pgov/testing';
import { createDb as createCluesDb } from '../../apps/clues/src/persistence/prisma';
import { indicatorHandlers, indicatorRunHooks } from '../../apps/indicators/src/events';
import { createDb as createIndicatorsDb } from '../../apps/indicators/src/persistence/prisma';

const ROOT = join(__dirname, '..', '..');
const url = (svc: string) => process.env[`${svc.toUpperCase()}_BENCH_DATABASE_URL`] ?? `postgresql://${svc}:${svc}@127.0.0.1:5432/${svc}_bench`;
const DISTRICTS = ['610102', '610103', '610104', '610111', '610112', '610113', '610114', '610115', '610116', '610117', '610118', '610122', '610124'];

function prepare(): void {
  execFileSync('bash', [join(ROOT, 'tools/infra/postgres.sh'), 'databases', '_bench'], { stdio: 'ignore' });
  for (const svc of ['clues', 'indicators']) {
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
  const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '15' }, partitions: { type: 'string', default: '1' }, baseline: { type: 'boolean', default: false } } });
  prepare();
  const logger = createLogger('bench-events', 'warn');
  const clues = createCluesDb(url('clues'));
  const indicators = createIndicatorsDb(url('indicators'));
  const namespace = testNamespace();
  const kafka = createKafka({ clientId: 'bench-events', brokers: kafkaBrokers(), namespace, logger, ...kafkaTestSecurity() });
  await clues.$executeRawUnsafe('TRUNCATE outbox_event');
  await indicators.$executeRawUnsafe('TRUNCATE processed_event, clue_fact, indicator_value, indicator_alert, outbox_event');
  await ensureTopics(kafka, indicatorHandlers({ alerts: false }).map((h) => h.event));
  const baseline = values.baseline === true;
  const relay = createOutboxRelay({ db: clues, kafka, logger, pollIntervalMs: 200, batchSize: 500, ...(baseline ? {} : { listen: { connectionString: url('clues') } }) });
  const consumer = createEventConsumer({
    kafka,
    groupId: 'indicators',
    db: indicators,
    logger,
    fromBeginning: true,
    handlers: indicatorHandlers({ alerts: true }),
    ...(baseline ? { maxEventsPerTransaction: 1 } : { transactionHooks: indicatorRunHooks }),
    partitionsConsumedConcurrently: Number(values.partitions),
  });

  /** Writes `n` clue events in one transaction, as the clues service's commits would. */
  const write = async (n: number) => {
    const rows = Array.from({ length: n }, (_, i) => {
      const clueId = randomUUID();
      const districtCode = DISTRICTS[i % DISTRICTS.length]!;
      const envelope = buildEnvelope(
        clueSubmitted,
        {
          subject: clueId,
          district: districtCode,
          data: { clueId, number: `${districtCode}-2026-000001`, districtCode, gridCode: null, source: 'GRID_REPORT', category: 'CIVIL', reporterMemberId: null, submittedAt: new Date().toISOString() },
        },
        { source: 'clues' },
      );
      return [envelope.id, clueSubmitted.topic, clueId, clueSubmitted.type, JSON.stringify(envelope)];
    });
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
  const processed = async () => Number((await indicators.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM processed_event'))[0]!.n);
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
    const applied = await indicators.$queryRawUnsafe<{ id: string; t: number }[]>('SELECT event_id::text AS id, extract(epoch FROM processed_at) * 1000 AS t FROM processed_event');
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
    const span = (await indicators.$queryRawUnsafe<{ ms: number }[]>('SELECT extract(epoch FROM max(processed_at)) * 1000 AS ms FROM processed_event'))[0]!.ms;
    const first = (await clues.$queryRawUnsafe<{ ms: number }[]>('SELECT extract(epoch FROM min(created_at)) * 1000 AS ms FROM outbox_event'))[0]!.ms;
    const throughput = Math.round(n / ((Number(span) - Number(first)) / 1000));
    console.log(`burst: ${n} events in ${((Number(span) - Number(first)) / 1000).toFixed(1)} s (written in ${writtenMs} ms) = ${throughput} events/s`);

    // Steady: R events/s in 20 commits per second for S seconds.
    await clues.$executeRawUnsafe('TRUNCATE outbox_event');
    await indicators.$executeRawUnsafe('TRUNCATE processed_event');
    const rate = Number(values.rate);
    const seconds = Number(values.seconds);
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
    await indicators.$disconnect();
    await deleteNamespace(namespace);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
