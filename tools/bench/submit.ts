/**
 * The write-path benchmark: grid workers submit clues through the gateway (apps/gateway), closed
 * loop at a given concurrency, spread over the 13 districts (or one, --district), on the running
 * system (`bash tools/up.sh` first); loopback only, bounded in time.
 *
 *   npx tsx tools/bench/submit.ts [--seconds 10] [--concurrency 20] [--district 610113] [--warmup 10]
 * Last line: `submit: <n> clues/s, p95 <m> ms`, of the steady state. The first `--warmup` seconds are
 * not counted (their figures get a line of their own): programs just started compile their hot paths,
 * at half speed for the first seconds and about a minute under load to full speed, so after a restart
 * compare the second or third run. The warm-up submits in each district's grids past the first 10
 * (its first 10 when it has no more), so that it adds nothing to what the counted clues are compared
 * with (see `reports`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role } from '@pgov/auth';
import { graphql } from '@pgov/testing';
import { demoClues, SCALES } from '../../apps/clues/src/seed/demo-clues';
import { runLoad, type LoadRequest } from './load';

const ROOT = join(__dirname, '..', '..');
const GATEWAY = 'http://127.0.0.1:4000/graphql';
const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`;
const CATEGORIES = new Set(['PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'CRIMINAL', 'CIVIL']);

/**
 * What grid workers report, as the demo data words it (templates over places): some titles are
 * alike and get flagged as possible duplicates, as in real reports. One repeated title would make
 * every submission flag every earlier one in its grid — a load no district produces.
 */
function reports(count: number): { title: string; description: string; category: string }[] {
  const out: { title: string; description: string; category: string }[] = [];
  for (const clue of demoClues(Date.now() % 100_000, { ...SCALES.demo, clues: count * 2 })) {
    if (CATEGORIES.has(clue.category)) out.push({ title: clue.title, description: clue.description, category: clue.category });
    if (out.length === count) break;
  }
  return out;
}

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '20' }, district: { type: 'string' }, warmup: { type: 'string', default: '10' } } });
  const key = readFileSync(join(ROOT, '.run', 'keys', 'private.pem'), 'utf8');
  const admin = await mintToken(key, { subject: 'bench-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' }, { expiresIn: '1h' });
  const listing = await graphql<{ districts: { code: string; grids: { edges: { node: { code: string; members: { edges: { node: { id: string; team: string } }[] } } }[] } }[] }>(
    GATEWAY,
    `{ districts { code grids(first: 20) { edges { node { code members(first: 3) { edges { node { id team } } } } } } } }`,
    {},
    admin,
  );
  if (listing.errors) throw new Error(JSON.stringify(listing.errors));
  type Worker = { token: string; gridCode: string; district: string };
  const workers: Worker[] = [];
  const warmers: Worker[] = [];
  for (const district of listing.data!.districts.filter((d) => d.code !== '610100' && (!values.district || d.code === values.district))) {
    for (const [index, grid] of district.grids.edges.entries()) {
      for (const m of grid.node.members.edges.filter((e) => e.node.team === 'GRID_WORKER')) {
        const token = await mintToken(key, { subject: m.node.id, name: '网格员', roles: [Role.GRID_WORKER], district: district.code }, { expiresIn: '1h' });
        (index < 10 ? workers : warmers).push({ token, gridCode: grid.node.code, district: district.code });
      }
    }
  }
  if (workers.length === 0) throw new Error('no grid workers found: run bash tools/up.sh first');
  const districts = new Set(workers.map((w) => w.district)).size;
  const texts = reports(2_000);
  const load = (list: Worker[]) => {
    // Round-robin over districts first, so that consecutive requests go to different districts.
    const byDistrict = new Map<string, Worker[]>();
    for (const w of list) byDistrict.set(w.district, [...(byDistrict.get(w.district) ?? []), w]);
    const order: Worker[] = [];
    for (let i = 0; order.length < list.length; i++) for (const each of byDistrict.values()) if (each[i]) order.push(each[i]!);
    return (i: number): LoadRequest => {
      const w = order[i % order.length]!;
      const input = { ...texts[i % texts.length]!, gridCode: w.gridCode };
      return { body: JSON.stringify({ query: SUBMIT, variables: { input } }), headers: { authorization: `Bearer ${w.token}` } };
    };
  };
  // The last clues submitted, to count what the duplicate search flagged for them afterwards.
  const submitted: string[] = [];
  const check = (text: string) => {
    const parsed = JSON.parse(text) as { data?: { submitClue?: { id: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
    if (parsed.data?.submitClue) submitted.push(parsed.data.submitClue.id);
    if (submitted.length > 400) submitted.splice(0, 200);
    return parsed.errors ? `${parsed.errors[0]!.extensions?.code}: ${parsed.errors[0]!.message}` : null;
  };
  const concurrency = Number(values.concurrency);
  if (Number(values.warmup) > 0) {
    const warm = await runLoad(GATEWAY, load(warmers.length > 0 ? warmers : workers), { connections: concurrency, seconds: Number(values.warmup), check });
    console.log(`warm-up (not counted): ${warm.requests} clues in ${warm.seconds.toFixed(1)} s, ${warm.rps.toFixed(0)}/s, p95 ${warm.p95.toFixed(1)} ms, errors ${warm.errors}${warm.firstError ? ` (${warm.firstError})` : ''}`);
  }
  const result = await runLoad(GATEWAY, load(workers), { connections: concurrency, seconds: Number(values.seconds), check });
  console.log(
    `${result.requests} clues in ${result.seconds.toFixed(1)} s at concurrency ${concurrency} over ${districts} district(s): p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}`,
  );
  // Every submission flags the earlier clues of its grid and category with a similar title (30 days):
  // the more the benchmark has already submitted there, the more each one flags — and the slower it is.
  const counts: number[] = [];
  const sample = submitted.slice(-45);
  // 15 clues a request: GRAPHQL_MAX_ROOT_FIELDS.
  for (let from = 0; from < sample.length; from += 15) {
    const ids = sample.slice(from, from + 15);
    const flags = await graphql<Record<string, { possibleDuplicates: unknown[] } | null>>(
      GATEWAY,
      `{ ${ids.map((id, i) => `c${i}: clue(id: ${JSON.stringify(id)}) { possibleDuplicates { similarity } }`).join(' ')} }`,
      {},
      admin,
    );
    if (flags.errors) throw new Error(`counting possible duplicates: ${JSON.stringify(flags.errors[0])}`);
    counts.push(...Object.values(flags.data ?? {}).map((c) => c?.possibleDuplicates.length ?? 0));
  }
  console.log(`possible duplicates flagged per clue: ${(counts.reduce((a, b) => a + b, 0) / Math.max(counts.length, 1)).toFixed(1)} (the last ${counts.length} submitted)`);
  console.log(`submit: ${result.rps.toFixed(0)} clues/s, p95 ${result.p95.toFixed(0)} ms`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
