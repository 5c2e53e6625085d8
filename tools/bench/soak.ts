/**
 * The soak: a steady mixed load through the gateway on the running system (`bash tools/up.sh`
 * first) — district dashboards from several roles and districts, procurators' clue queues, grid
 * workers submitting clues, petition lists — for --minutes, sampling every program's RSS. A leak
 * shows as RSS that keeps growing after the warm-up; loopback only, bounded in time.
 *
 *   npx tsx tools/bench/soak.ts [--minutes 10] [--rate 40] [--connections 8]
 * Last line: `soak: <m> min at <r>/s, <n> requests, errors <e>, p99 <ms> ms; rss growth after warm-up: <program> <x>%, ...`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role, type Identity } from '@pgov/auth';
import { DISTRICTS } from '@pgov/reference-data';
import { DISTRICT_OVERVIEW, graphql } from '@pgov/testing';
import { demoClues, SCALES } from '../../apps/clues/src/seed/demo-clues';
import { runLoad, type LoadRequest } from './load';

const ROOT = join(__dirname, '..', '..');
const GATEWAY = 'http://127.0.0.1:4000/graphql';
const PROGRAMS = ['gateway', 'grids', 'clues', 'petitions', 'indicators'];
const QUEUE = `query Queue($code: ID!) { district(code: $code) { clues(first: 20, filter: { status: [SUBMITTED] }) { totalCount edges { node { id number title submittedAt } } } } }`;
const PETITIONS = `query Petitions($code: ID!) { district(code: $code) { petitions { totalCount } } }`;
const SUBMIT = `mutation Submit($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`;

const rssMb = (name: string) => {
  const pid = readFileSync(join(ROOT, '.run', 'pids', `${name}.pid`), 'utf8').trim();
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
};

async function main() {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '40' }, connections: { type: 'string', default: '8' } } });
  const minutes = Number(values.minutes);
  const key = readFileSync(join(ROOT, '.run', 'keys', 'private.pem'), 'utf8');
  const token = (identity: Identity) => mintToken(key, identity, { expiresIn: '2h' });
  const districts = DISTRICTS.filter((d) => d.code !== '610100').map((d) => d.code);
  const admin = await token({ subject: 'soak-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' });
  const listing = await graphql<{ districts: { code: string; grids: { edges: { node: { code: string; members: { edges: { node: { id: string; team: string } }[] } } }[] } }[] }>(
    GATEWAY,
    `{ districts { code grids(first: 3) { edges { node { code members(first: 3) { edges { node { id team } } } } } } } }`,
    {},
    admin,
  );
  if (listing.errors) throw new Error(JSON.stringify(listing.errors));
  const workers: { token: string; gridCode: string }[] = [];
  for (const d of listing.data!.districts.filter((x) => x.code !== '610100')) {
    for (const g of d.grids.edges) {
      for (const m of g.node.members.edges.filter((e) => e.node.team === 'GRID_WORKER')) {
        workers.push({ token: await token({ subject: m.node.id, name: '网格员', roles: [Role.GRID_WORKER], district: d.code }), gridCode: g.node.code });
      }
    }
  }
  const readers = await Promise.all(
    districts.flatMap((code) => [
      token({ subject: `soak-procurator-${code}`, name: '检察官', roles: [Role.PROCURATOR], district: code }),
      token({ subject: `soak-leader-${code}`, name: '院领导', roles: [Role.LEADER], district: code }),
    ]),
  ).then((tokens) => tokens.map((t, i) => ({ token: t, district: districts[Math.floor(i / 2)]! })));
  const reports = [...demoClues(Date.now() % 100_000, { ...SCALES.demo, clues: 4_000 })].filter((c) => c.source !== 'COMMUNITY_CORRECTIONS');
  const period = new Date().toISOString().slice(0, 7);

  /** 60 % dashboards, 20 % queues, 15 % submissions, 5 % petition counts. */
  const next = (i: number): LoadRequest => {
    const slot = i % 20;
    const reader = readers[i % readers.length]!;
    const as = (query: string, variables: object, bearer: string): LoadRequest => ({ body: JSON.stringify({ query, variables }), headers: { authorization: `Bearer ${bearer}` } });
    if (slot < 12) return as(DISTRICT_OVERVIEW, { code: reader.district, period }, reader.token);
    if (slot < 16) return as(QUEUE, { code: reader.district }, reader.token);
    if (slot < 19 && workers.length > 0) {
      const w = workers[i % workers.length]!;
      const r = reports[i % reports.length]!;
      return as(SUBMIT, { input: { title: r.title, description: r.description, category: r.category, gridCode: w.gridCode } }, w.token);
    }
    return as(PETITIONS, { code: reader.district }, reader.token);
  };
  const check = (text: string) => {
    const parsed = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    return parsed.errors ? `${parsed.errors[0]!.extensions?.code}: ${parsed.errors[0]!.message}` : null;
  };

  // RSS every 10 s; growth is measured from the first sample after a minute's warm-up (or a tenth of the run).
  const samples: { at: number; rss: Record<string, number> }[] = [];
  const started = Date.now();
  const sample = () => samples.push({ at: (Date.now() - started) / 1000, rss: Object.fromEntries(PROGRAMS.map((p) => [p, rssMb(p)])) });
  sample();
  const sampler = setInterval(sample, 10_000);
  const result = await runLoad(GATEWAY, next, { connections: Number(values.connections), seconds: minutes * 60, check, rate: Number(values.rate) });
  clearInterval(sampler);
  sample();

  const warm = Math.min(60, (minutes * 60) / 10);
  const base = samples.find((s) => s.at >= warm) ?? samples[0]!;
  const last = samples.at(-1)!;
  for (const p of PROGRAMS) {
    const series = samples.filter((s) => s.at >= base.at).map((s) => s.rss[p]);
    console.log(`${p.padEnd(11)} rss ${samples[0]!.rss[p]} MB at start, ${base.rss[p]} MB after warm-up, ${last.rss[p]} MB at the end (max ${Math.max(...(series as number[]))})`);
  }
  const growth = PROGRAMS.map((p) => `${p} ${(((last.rss[p]! - base.rss[p]!) / base.rss[p]!) * 100).toFixed(1)}%`).join(', ');
  console.log(`${result.requests} requests in ${result.seconds.toFixed(0)} s: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}`);
  console.log(`soak: ${minutes} min at ${values.rate}/s, ${result.requests} requests, errors ${result.errors}, p99 ${result.p99.toFixed(0)} ms; rss growth after warm-up: ${growth}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
