/**
 * The audit chain's lock, measured: every append takes one lock per database (the chain cannot
 * fork), so what matters is how long a transaction holds it. On a scratch grids database
 * (grids_bench: created and migrated here; GRIDS_BENCH_DATABASE_URL to use another), loopback only,
 * bounded in time:
 *   appends:  callers recording reveals (record: group commit), 1 and --concurrency C of them, beside
 *             the unchained autocommit INSERT a reveal cost before and a transaction per reveal;
 *   ordering: C transactions doing --work-ms of other work and one append, the append last (as the
 *             services do) and first (the lock held through the work);
 *   bystander: transactions that audit nothing, alone and beside C appenders.
 *
 *   npx tsx tools/bench/audit.ts [--seconds 5] [--concurrency 8] [--work-ms 5]
 * Last line: `audit: <n> appends/s (c=C), p95 <m> ms; work+append: last <a> tx/s, first <b> tx/s; bystander p95 <x> → <y> ms`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAuditLog, SecretKey, type AuditEntry } from '@pgov/privacy';
import { tamperWithAuditLog } from '@pgov/testing';
import { createDb } from '../../apps/grids/src/persistence/prisma';

const ROOT = join(__dirname, '..', '..');
const url = process.env.GRIDS_BENCH_DATABASE_URL ?? 'postgresql://grids:grids@127.0.0.1:5432/grids_bench';

function prepare(): void {
  if (!process.env.GRIDS_BENCH_DATABASE_URL) execFileSync('bash', [join(ROOT, 'tools/infra/postgres.sh'), 'databases', '_bench'], { stdio: 'ignore' });
  execFileSync(process.execPath, [join(ROOT, 'libs/prisma-offline/bin/prisma.cjs'), 'migrate', 'deploy', '--config', join(ROOT, 'apps/grids/prisma.config.ts')], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'ignore',
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `callers` loops running `op` until `seconds` pass: operations per second and p95 latency (ms). */
async function load(callers: number, seconds: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await op(n++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(latencies.length / seconds), p95: Number(percentile(latencies, 95).toFixed(1)) };
}

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '8' }, 'work-ms': { type: 'string', default: '5' } } });
  const seconds = Number(values.seconds);
  const c = Number(values.concurrency);
  const workSeconds = Number(values['work-ms']) / 1000;
  prepare();
  await tamperWithAuditLog(url, 'DELETE FROM audit_log');
  // The service's client (its pool holds 10 connections: keep callers + 2 bystanders within it).
  const db = createDb(url);
  const audit = createAuditLog(db, new SecretKey(randomBytes(32)));
  const entry = (i: number): AuditEntry => ({ actor: { subject: 'bench', roles: ['LEADER'] }, action: 'REVEAL', recordType: 'Member', recordId: `m${i}`, field: 'phone', requestId: `bench-${i}` });
  const work = (tx: { $executeRawUnsafe(q: string): PromiseLike<number> }) => tx.$executeRawUnsafe(`SELECT pg_sleep(${workSeconds})`);
  const tx = (fn: Parameters<typeof db.$transaction>[0]) => db.$transaction(fn, { maxWait: 60_000, timeout: 60_000 });

  // What a reveal cost before the chain: one autocommit INSERT, into a copy of the table without its trigger.
  await db.$executeRawUnsafe('DROP TABLE IF EXISTS audit_bench_unchained');
  await db.$executeRawUnsafe('CREATE TABLE audit_bench_unchained (LIKE audit_log INCLUDING DEFAULTS)');
  const unchained = (i: number) =>
    db.$executeRawUnsafe(`INSERT INTO audit_bench_unchained (seq, actor, action, record_type, record_id, field, request_id) VALUES ($1, 'bench', 'REVEAL', 'Member', $2, 'phone', $2)`, i, `m${i}`);
  const plainOne = await load(1, seconds, unchained);
  const plainMany = await load(c, seconds, (i) => unchained(i + 1_000_000_000));
  await db.$executeRawUnsafe('DROP TABLE audit_bench_unchained');
  console.log(`unchained insert (before), one caller: ${plainOne.perSecond}/s, p95 ${plainOne.p95} ms; ${c} callers: ${plainMany.perSecond}/s, p95 ${plainMany.p95} ms`);

  const one = await load(1, seconds, (i) => audit.record(entry(i)));
  const many = await load(c, seconds, (i) => audit.record(entry(i)));
  console.log(`appends, one caller:     ${one.perSecond}/s, p95 ${one.p95} ms`);
  console.log(`appends, ${c} callers:    ${many.perSecond}/s, p95 ${many.p95} ms`);
  const single = await load(c, seconds, (i) => tx((t) => audit.append(t, entry(i))));
  console.log(`appends, ${c} callers, a transaction each (no group commit): ${single.perSecond}/s, p95 ${single.p95} ms`);

  const last = await load(c, seconds, (i) => tx(async (t) => (await work(t), audit.append(t, entry(i)))));
  const first = await load(c, seconds, (i) => tx(async (t) => (await audit.append(t, entry(i)), work(t))));
  console.log(`work ${values['work-ms']} ms + append, append last:  ${last.perSecond} tx/s, p95 ${last.p95} ms`);
  console.log(`work ${values['work-ms']} ms + append, append first: ${first.perSecond} tx/s, p95 ${first.p95} ms`);

  const bystander = (t: typeof db) => t.$transaction(async (x) => x.$queryRawUnsafe(`SELECT count(*) FROM district`));
  const alone = await load(2, seconds, () => bystander(db));
  const [beside] = await Promise.all([load(2, seconds, () => bystander(db)), load(c, seconds, (i) => audit.record(entry(i)))]);
  console.log(`bystander transactions (no audit): alone p95 ${alone.p95} ms, beside ${c} appenders p95 ${beside!.p95} ms`);

  await db.$disconnect();
  console.log(
    `audit: ${many.perSecond} appends/s (c=${c}), p95 ${many.p95} ms; work+append: last ${last.perSecond} tx/s, first ${first.perSecond} tx/s; bystander p95 ${alone.p95} → ${beside!.p95} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
