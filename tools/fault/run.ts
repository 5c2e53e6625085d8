/**
 * The fault suite (issue 13): drives clue and petition events through the whole platform while it
 * kills -9 and restarts the Kafka broker, each program in turn, and restarts PostgreSQL; then every
 * projection is compared with a recount from its source tables. Everything runs privately on
 * loopback: its own PostgreSQL cluster (Debian's binaries, a temp dir, --pg-port), its own Kafka
 * broker (kafka.sh's jars and settings, --kafka-port), the five programs on their own ports.
 * The shared PostgreSQL (5432) and Kafka (9092) are never touched. Bounded by --minutes.
 *
 *   npx tsx tools/fault/run.ts [--events 10000] [--minutes 15] [--concurrency 12] [--broker-down 30] [--keep]
 *   npx tsx tools/fault/run.ts --kafka-at-start     (clues starts with its broker down: serves, reports, publishes later)
 * --events counts the clue and petition events (the two services' outbox rows); --minutes bounds the
 * load and faults (setting up the private cluster, broker and programs takes a minute or two more).
 * Last line: `faults: <n> events, lost <l>, applied twice <t>; <k> kills, <r> PostgreSQL restarts; catch-up <s> s after the last fault`
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '@pgov/auth';
import { generatePersonalDataKeyEnv } from '@pgov/privacy';
import { createTestKeys } from '@pgov/testing';
import { graphqlClient, newStats } from './client';
import { eventsWritten, runLoad, type District } from './load';
import { privateKafka } from './private-kafka';
import { startPrivatePostgres } from './private-postgres';
import { program, readiness, SERVICES, type Program, type ProgramName } from './programs';
import { kafkaAtStart } from './kafka-at-start';
import { clueAndPetitionEvents, outboxBacklog, recount, unapplied } from './recount';

const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`[fault ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface FaultRecord {
  what: string;
  /** When the component was back (restarted) — events written before it must all arrive. */
  backAt: number;
  /** Seconds from backAt until every event written before it was published and applied. */
  caughtUpS?: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000' },
      minutes: { type: 'string', default: '15' },
      concurrency: { type: 'string', default: '12' },
      'broker-down': { type: 'string', default: '30' },
      'pg-port': { type: 'string', default: '25432' },
      'kafka-port': { type: 'string', default: '29092' },
      'base-port': { type: 'string', default: '24000' },
      keep: { type: 'boolean', default: false },
      'kafka-at-start': { type: 'boolean', default: false },
    },
  });
  const target = Number(values.events);
  // Set when the load starts (setting up takes a minute or two more).
  let deadline = Date.now() + Number(values.minutes) * 60_000;
  const brokerDownMs = Number(values['broker-down']) * 1000;
  const kafkaPort = Number(values['kafka-port']);
  const basePort = Number(values['base-port']);
  for (const [name, v] of Object.entries({ events: target, minutes: Number(values.minutes), concurrency: Number(values.concurrency), 'broker-down': brokerDownMs, 'kafka-port': kafkaPort, 'base-port': basePort })) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'pgov-fault-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own OS user below it
  log(`private PostgreSQL on :${values['pg-port']}, Kafka on :${kafkaPort}, programs on :${basePort}-${basePort + 4}; files in ${dir}`);
  const programs = new Map<ProgramName, Program>();
  let pg: ReturnType<typeof startPrivatePostgres> | undefined;
  const kafka = privateKafka(join(dir, 'kafka'), kafkaPort, kafkaPort + 1);
  const cleanup = async () => {
    await Promise.all([...programs.values()].map((p) => p.stop()));
    await kafka.stop();
    try {
      pg?.stop();
    } catch {
      // already stopped
    }
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir} (logs of every program, the broker and PostgreSQL)`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));

  try {
    pg = startPrivatePostgres(join(dir, 'pg'), Number(values['pg-port']), SERVICES);
    const url = pg.url;
    for (const svc of SERVICES) {
      execFileSync(process.execPath, ['libs/prisma-offline/bin/prisma.cjs', 'migrate', 'deploy', '--config', `apps/${svc}/prisma.config.ts`], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url(svc), CHECKPOINT_DISABLE: '1' },
        stdio: 'ignore',
      });
    }
    log('databases migrated');
    if (values['kafka-at-start']) {
      const keys = await createTestKeys();
      const clues = program('clues', basePort + 2, { KAFKA_BROKERS: kafka.brokers, AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile, DATABASE_URL: url('clues'), NODE_ENV: 'test', LOG_LEVEL: 'info' }, dir);
      programs.set('clues', clues);
      return (await kafkaAtStart({ clues, kafka, databaseUrl: url('clues'), token: (identity) => keys.token(identity), log })) ? 0 : 1;
    }
    await kafka.start();
    log(`broker started (pid ${kafka.pid})`);

    const keys = await createTestKeys();
    const personalData = generatePersonalDataKeyEnv('fault1');
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/grids/src/seed/main.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url('grids'), ...personalData }, stdio: 'ignore' });
    const common = {
      KAFKA_BROKERS: kafka.brokers,
      AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
      ...personalData,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      APOLLO_TELEMETRY_DISABLED: 'true',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const ports = { grids: basePort + 1, clues: basePort + 2, petitions: basePort + 3, indicators: basePort + 4, gateway: basePort };
    // FAULT_DEBUG=grids,indicators: those programs log at debug (each consumer run, each relay batch, with times).
    const debug = new Set((process.env.FAULT_DEBUG ?? '').split(','));
    for (const svc of SERVICES) programs.set(svc, program(svc, ports[svc], { ...common, DATABASE_URL: url(svc), ...(debug.has(svc) ? { LOG_LEVEL: 'debug' } : {}) }, dir));
    programs.set(
      'gateway',
      program('gateway', ports.gateway, { ...common, ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])) }, dir),
    );
    for (const svc of SERVICES) programs.get(svc)!.start();
    for (const svc of SERVICES) await programs.get(svc)!.ready();
    programs.get('gateway')!.start();
    await programs.get('gateway')!.ready();
    log('five programs ready');

    const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    const stats = newStats();
    const call = graphqlClient(gatewayUrl, stats, () => deadline);
    const admin = await keys.token({ subject: 'fault-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' });
    const listing = await call<{ districts: { code: string; pilot: boolean; grids: { edges: { node: { code: string; members: { edges: { node: { id: string; team: string } }[] } } }[] } }[] }>(
      'districts',
      admin,
      `{ districts { code pilot grids(first: 10) { edges { node { code members(first: 5) { edges { node { id team } } } } } } } }`,
      {},
    );
    const districts: District[] = listing.districts
      .filter((d) => d.code !== '610100')
      .map((d) => ({
        code: d.code,
        pilot: d.pilot,
        workers: d.grids.edges.flatMap((g) => g.node.members.edges.filter((m) => m.node.team === 'GRID_WORKER').map((m) => ({ memberId: m.node.id, gridCode: g.node.code }))),
      }))
      .filter((d) => d.workers.length > 0);
    if (districts.length === 0) throw new Error('the seeded grids have no grid workers');

    // Faults, each once the load has written its share of the events, one after the other.
    const faults: { at: number; what: string; run: () => Promise<void> }[] = [
      {
        at: 0.08,
        what: 'kill -9 the Kafka broker',
        run: async () => {
          await kafka.kill();
          await sleep(Math.min(5_000, brokerDownMs / 2));
          const r = await readiness(ports.clues).catch((e: Error) => ({ status: 0, body: e.message }));
          log(`clues /readyz with the broker down: ${r.status} ${JSON.stringify(r.body)}`);
          await sleep(Math.max(0, brokerDownMs - 5_000));
          await kafka.start();
        },
      },
      ...(['grids', 'clues', 'petitions', 'indicators', 'gateway'] as const).map((name, i) => ({
        at: 0.2 + i * 0.11,
        what: `kill -9 ${name}`,
        run: async () => {
          const p = programs.get(name)!;
          await p.kill();
          p.start();
          await p.ready().catch((e: Error) => log(`${name} not ready after its restart: ${e.message}`));
        },
      })),
      { at: 0.85, what: 'restart PostgreSQL (pg_ctl restart -m immediate)', run: async () => pg!.restart('immediate') },
    ];
    const records: FaultRecord[] = [];
    let faultsDone = false;
    const started = Date.now();
    deadline = started + Number(values.minutes) * 60_000;
    // Progress: the events the clues and petitions services have written, counted in their outboxes.
    let written = 0;
    const counting = setInterval(() => void clueAndPetitionEvents(url).then((n) => (written = n), () => undefined), 2_000);
    const load = runLoad({
      call,
      token: (identity) => keys.token(identity),
      districts,
      concurrency: Number(values.concurrency),
      more: () => Date.now() < deadline && (written < target || !faultsDone),
    });
    // A failing story is counted in the load; the loop itself must never leave a rejection unobserved.
    load.done.catch(() => undefined);
    const progress = setInterval(() => log(`${written} clue and petition events written, ${stats.retries} retries`), 15_000);

    for (const fault of faults) {
      while (written < fault.at * target && Date.now() < deadline) await sleep(200);
      if (Date.now() >= deadline) break;
      log(`${fault.what} (${written} events written)`);
      await fault.run();
      const record: FaultRecord = { what: fault.what, backAt: Date.now() };
      records.push(record);
      // Caught up to the fault: every event written before the component was back is published and applied.
      while (Date.now() < deadline) {
        const ok = (await unapplied(pg.url, new Date(record.backAt)).catch(() => 1)) === 0 && (await backlogBefore(pg.url, record.backAt).catch(() => 1)) === 0;
        if (ok) {
          record.caughtUpS = (Date.now() - record.backAt) / 1000;
          break;
        }
        await sleep(250);
      }
      log(`  back; caught up with what was written before it in ${record.caughtUpS?.toFixed(1) ?? '—'} s`);
    }
    faultsDone = true;
    await load.done;
    clearInterval(progress);
    clearInterval(counting);
    const loadEnded = Date.now();
    log(`load ended after ${((loadEnded - started) / 1000).toFixed(0)} s: ${eventsWritten(load.counts)} mutations`);

    // Everything written is published and applied (bounded by two more minutes).
    let settledS: number | undefined;
    while (Date.now() < loadEnded + 120_000) {
      if ((await outboxBacklog(pg.url)) === 0 && (await unapplied(pg.url, new Date())) === 0) {
        settledS = (Date.now() - loadEnded) / 1000;
        break;
      }
      await sleep(250);
    }
    // The sweeps and retention workers may still write (alerts): a moment for the last of them.
    await sleep(2_000);
    const result = await recount(pg.url, kafka.brokers);
    written = await clueAndPetitionEvents(url);

    console.log(`\nload: ${[...load.counts.ok].map(([op, n]) => `${op} ${n}`).join(', ')}`);
    console.log(`client: ${stats.calls} calls, ${stats.retries} retried (${[...stats.retriedBy].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}), ${load.counts.doneBeforeAnswer} committed before their answer was lost`);
    const failures = [...load.counts.failures.values()].reduce((a, b) => a + b, 0);
    console.log(`failures (not retryable): ${failures}${failures ? ` — ${[...load.counts.failures].map(([c, n]) => `${c} ${n}`).join(', ')}` : ''}`);
    for (const example of load.counts.examples) console.log(`  e.g. ${example}`);
    console.log(`error messages with internals (database, driver, stack): ${stats.leaks.count}${stats.leaks.example ? ` — e.g. ${stats.leaks.example}` : ''}`);
    console.log('\nfaults:');
    for (const r of records) console.log(`  ${r.what.padEnd(50)} caught up ${r.caughtUpS === undefined ? 'NOT within the time limit' : `${r.caughtUpS.toFixed(1)} s after it was back`}`);
    console.log(`  everything published and applied ${settledS === undefined ? 'NOT within 120 s' : `${settledS.toFixed(1)} s`} after the load ended`);
    console.log('\nprojection'.padEnd(72) + 'expected    found   lost  twice');
    for (const c of result.checks) {
      console.log(`  ${c.name.padEnd(68)} ${String(c.expected).padStart(8)} ${String(c.found).padStart(8)} ${String(c.lost).padStart(6)} ${String(c.twice).padStart(6)}${c.example ? `  (${c.example})` : ''}`);
    }
    console.log(`outbox: ${result.events} events, ${result.unpublished} unpublished; ${result.resent} re-sent by a relay after a fault (absorbed by the consumers' processed-event log)`);
    const lost = result.checks.reduce((a, c) => a + c.lost, 0) + result.unpublished;
    const twice = result.checks.reduce((a, c) => a + c.twice, 0);
    const kills = records.filter((r) => r.what.startsWith('kill')).length;
    const restarts = records.filter((r) => r.what.startsWith('restart PostgreSQL')).length;
    const last = records.at(-1);
    console.log(
      `faults: ${result.events} events (${written} of clues and petitions), lost ${lost}, applied twice ${twice}; ${kills} kills, ${restarts} PostgreSQL restarts; catch-up ${last?.caughtUpS?.toFixed(1) ?? '—'} s after the last fault`,
    );
    const complete = records.length === faults.length && records.every((r) => r.caughtUpS !== undefined);
    if (!complete) console.log('incomplete: not every fault ran and recovered within --minutes');
    return lost === 0 && twice === 0 && failures === 0 && stats.leaks.count === 0 && complete ? 0 : 1;
  } finally {
    await cleanup();
  }
}

/** Outbox rows written before `at` that are not published yet, over the four services. */
async function backlogBefore(url: (svc: string) => string, at: number): Promise<number> {
  const { Client } = await import('pg');
  let total = 0;
  for (const svc of SERVICES) {
    const c = new Client({ connectionString: url(svc) });
    await c.connect();
    try {
      const r = await c.query('SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL AND created_at <= $1', [new Date(at)]);
      total += Number(r.rows[0].n);
    } finally {
      await c.end();
    }
  }
  return total;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
