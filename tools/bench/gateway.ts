/**
 * The gateway benchmark: the README's DistrictOverview query through apps/gateway and through stock
 * @apollo/gateway (tools/bench/stock-gateway.ts, started here) on the same four subgraphs, in one
 * run: identical requests (one CITY_ADMIN token, one district) and varied ones (all 13 districts,
 * tokens of several roles and users). CPU per request is read from /proc for the gateway and the
 * four subgraphs of the running system (`bash tools/up.sh` first); loopback only, bounded in time.
 *
 *   npx tsx tools/bench/gateway.ts [--seconds 10] [--connections 10]
 * Last line: `dashboard: ratio <x> identical, <y> varied; cpu <z> ms/request; gateway rss <n> MB`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role, type Identity } from '@pgov/auth';
import { DISTRICTS } from '@pgov/reference-data';
import { DISTRICT_OVERVIEW, freePort, waitUntilReady, type RunningProcess } from '@pgov/testing';
import { runLoad, type LoadRequest, type LoadResult } from './load';

const ROOT = join(__dirname, '..', '..');
const RUN = join(ROOT, '.run');
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

const pidOf = (name: string) => Number(readFileSync(join(RUN, 'pids', `${name}.pid`), 'utf8').trim());
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const key = readFileSync(join(RUN, 'keys', 'private.pem'), 'utf8');
  const token = (identity: Identity) => mintToken(key, identity, { expiresIn: '1h' });
  const china = new Date(Date.now() + 8 * 3_600_000);
  const period = `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
  const body = (code: string) => JSON.stringify({ query: DISTRICT_OVERVIEW, variables: { code, period } });

  const admin = await token({ subject: 'bench-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' });
  const identical: LoadRequest = { body: body('610113'), headers: { authorization: `Bearer ${admin}` } };
  // Varied: every district, with its procurator, its leader, a city admin or an analyst, several users each.
  const varied: LoadRequest[] = [];
  for (const [d, district] of DISTRICTS.entries()) {
    for (let u = 0; u < 4; u++) {
      const role = [Role.PROCURATOR, Role.LEADER, Role.CITY_ADMIN, Role.ANALYST][u]!;
      const home = role === Role.CITY_ADMIN || role === Role.ANALYST ? '610100' : district.code;
      const t = await token({ subject: `bench-${role.toLowerCase()}-${d}-${u}`, name: '压测用户', roles: [role], district: home });
      varied.push({ body: body(district.code), headers: { authorization: `Bearer ${t}` } });
    }
  }
  const check = (text: string) => {
    const parsed = JSON.parse(text) as { errors?: { message: string }[]; data?: { district?: unknown } };
    return parsed.errors ? `errors: ${parsed.errors[0]!.message}` : parsed.data?.district ? null : 'no district in the answer';
  };

  const port = await freePort();
  const stock = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'stock-gateway.ts')], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  stock.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  stock.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const stockProc = { name: 'stock-gateway', child: stock, output: () => output, stop: async () => null } as unknown as RunningProcess;
  const ours = 'http://127.0.0.1:4000/graphql';
  const theirs = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/.well-known/apollo/server-health`, stockProc).catch(async () => {
      // @apollo/server 5 has no health route: wait for a GraphQL answer instead.
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(theirs, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'apollo-require-preflight': 'true' }, body: identical.body }).then((r) => r.ok, () => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`stock gateway not ready:\n${output}`);
    });
    const pids = { gateway: pidOf('gateway'), grids: pidOf('grids'), clues: pidOf('clues'), petitions: pidOf('petitions'), indicators: pidOf('indicators') };
    const services = Object.values(pids);
    const run = async (label: string, url: string, next: (i: number) => LoadRequest, extraPids: number[]) => {
      const watched = [...services, ...extraPids];
      const before = watched.map(cpuTicks);
      const result = await runLoad(url, next, { connections, seconds, check });
      const after = watched.map(cpuTicks);
      const cpuMs = ((after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)) * 1000) / TICKS_PER_SECOND;
      const perRequest = cpuMs / Math.max(result.requests, 1);
      const names = [...Object.keys(pids), ...extraPids.map(() => 'stock gateway')];
      const parts = names.map((name, i) => `${name} ${(((after[i]! - before[i]!) * 1000) / TICKS_PER_SECOND / Math.max(result.requests, 1)).toFixed(2)}`);
      console.log(
        `${label.padEnd(30)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}  cpu ${perRequest.toFixed(2)} ms/request (${parts.join(', ')})`,
      );
      return { result, perRequest };
    };
    const withStock = [stock.pid!];
    // Warm-up: plans, prepared statements, JIT — of the subgraphs too, which answers kept by the
    // gateway's response cache would spare (no-cache: fresh answers).
    const fresh = (r: LoadRequest): LoadRequest => ({ ...r, headers: { ...r.headers, 'cache-control': 'no-cache' } });
    await runLoad(ours, (i) => fresh(varied[i % varied.length]!), { connections, seconds: 3 });
    await runLoad(ours, () => identical, { connections, seconds: 1 });
    await runLoad(theirs, (i) => ({ ...varied[i % varied.length]!, headers: { ...varied[i % varied.length]!.headers, 'apollo-require-preflight': 'true' } }), { connections, seconds: 2 });
    const stockHeaders = (r: LoadRequest): LoadRequest => ({ ...r, headers: { ...r.headers, 'apollo-require-preflight': 'true' } });
    const oursIdentical = await run('apps/gateway identical', ours, () => identical, []);
    const stockIdentical = await run('stock identical', theirs, () => stockHeaders(identical), withStock);
    const oursVaried = await run('apps/gateway varied', ours, (i) => varied[i % varied.length]!, []);
    const stockVaried = await run('stock varied', theirs, (i) => stockHeaders(varied[i % varied.length]!), withStock);
    // For comparison, not in the last line: every answer asked of the subgraphs (Cache-Control: no-cache).
    await run('apps/gateway varied, no-cache', ours, (i) => fresh(varied[i % varied.length]!), []);
    const rss = rssMb(pids.gateway);
    const ratio = (a: LoadResult, b: LoadResult) => (a.rps / Math.max(b.rps, 1)).toFixed(2);
    console.log(
      `dashboard: ratio ${ratio(oursIdentical.result, stockIdentical.result)} identical, ${ratio(oursVaried.result, stockVaried.result)} varied; cpu ${oursVaried.perRequest.toFixed(1)} ms/request; gateway rss ${rss} MB`,
    );
  } finally {
    stock.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
