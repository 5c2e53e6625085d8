/**
 * Benchmark of the first flow on a running platform (bash tools/up.sh), run by hand:
 * grid workers submit clues through the gateway at a given concurrency; prints submit latency
 * percentiles and throughput, then how long until the indicators service has counted them all
 * (clue → outbox → Kafka → consumer → recount); then the district's leader accepts them all at the
 * same concurrency, and it prints how long until the reporters' points show the acceptances.
 *
 *   npx tsx tools/bench-clue-flow.ts [--clues 500] [--concurrency 10] [--gateway http://127.0.0.1:4000/graphql]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role, type Identity } from '@pgov/auth';
import { chinaMonth } from '@pgov/reference-data';
import { graphql, waitFor } from '@pgov/testing';

const KEY = join(__dirname, '..', '.run', 'keys', 'private.pem');
const DISTRICT = '610113';

async function main() {
  const { values } = parseArgs({
    options: {
      clues: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '10' },
      gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    },
  });
  const total = Number(values.clues);
  const concurrency = Number(values.concurrency);
  const url = values.gateway!;
  const key = readFileSync(KEY, 'utf8');
  const token = (identity: Identity) => mintToken(key, identity, { expiresIn: '1h' });
  const leader = await token({ subject: 'bench-leader', name: '基准', roles: [Role.LEADER], district: DISTRICT });

  const grids = await graphql<{ district: { grids: { edges: { node: { code: string; members: { edges: { node: { id: string; team: string } }[] } } }[] } } }>(
    url,
    `{ district(code: "${DISTRICT}") { grids(first: 50) { edges { node { code members(first: 10) { edges { node { id team } } } } } } } }`,
    {},
    leader,
  );
  if (grids.errors) throw new Error(JSON.stringify(grids.errors));
  const workers = grids.data!.district.grids.edges.flatMap((g) =>
    g.node.members.edges.filter((m) => m.node.team === 'GRID_WORKER').map((m) => ({ id: m.node.id, grid: g.node.code })),
  );
  if (workers.length === 0) throw new Error(`no grid workers in ${DISTRICT}: run tools/up.sh first`);
  const tokens = await Promise.all(workers.map((w) => token({ subject: w.id, name: '网格员', roles: [Role.GRID_WORKER], district: DISTRICT })));

  const month = chinaMonth(new Date());
  const counted = async () => {
    const res = await graphql<{ district: { indicatorValues: { indicator: { code: string }; value: number }[] } }>(
      url,
      `{ district(code: "${DISTRICT}") { indicatorValues(periodKind: MONTH, period: "${month}") { indicator { code } value } } }`,
      {},
      leader,
    );
    return res.data?.district.indicatorValues.find((v) => v.indicator.code === 'CLUES_FROM_GRIDS')?.value ?? 0;
  };
  const points = async () => {
    const res = await graphql<Record<string, { pointBalance: number }>>(
      url,
      `{ ${workers.map((w, i) => `m${i}: member(id: "${w.id}") { pointBalance }`).join(' ')} }`,
      {},
      leader,
    );
    return Object.values(res.data ?? {}).reduce((sum, m) => sum + (m?.pointBalance ?? 0), 0);
  };
  const [countedBefore, pointsBefore] = [await counted(), await points()];
  const rules = await graphql<{ district: { pointsRules: { reason: string; points: number }[] } }>(url, `{ district(code: "${DISTRICT}") { pointsRules { reason points } } }`, {}, leader);
  const perAccepted = rules.data?.district.pointsRules.find((r) => r.reason === 'CLUE_ACCEPTED')?.points ?? 0;
  const clueIds: string[] = [];

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const w = i % workers.length;
        const t0 = performance.now();
        const res = await graphql<{ submitClue: { id: string } }>(
          url,
          `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`,
          { input: { title: `基准线索 ${i}`, description: 'benchmark', category: 'CIVIL', gridCode: workers[w]!.grid } },
          tokens[w],
        );
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        latencies.push(performance.now() - t0);
        clueIds.push(res.data!.submitClue.id);
      }
    }),
  );
  const submitted = performance.now();
  await waitFor(async () => (await counted()) >= countedBefore + total, { timeoutMs: 300_000, intervalMs: 50, what: 'indicator' });
  const indicatorDone = performance.now();

  const acceptLatencies: number[] = [];
  let nextAccept = 0;
  const acceptStarted = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nextAccept < clueIds.length) {
        const clueId = clueIds[nextAccept++]!;
        const t0 = performance.now();
        const res = await graphql(url, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`, { input: { clueId } }, leader);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        acceptLatencies.push(performance.now() - t0);
      }
    }),
  );
  const accepted = performance.now();
  await waitFor(async () => (await points()) >= pointsBefore + total * perAccepted, { timeoutMs: 300_000, intervalMs: 50, what: 'points' });
  const pointsDone = performance.now();

  latencies.sort((a, b) => a - b);
  acceptLatencies.sort((a, b) => a - b);
  const pctOf = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]!.toFixed(1);
  const pct = (p: number) => pctOf(latencies, p);
  const seconds = (submitted - started) / 1000;
  console.log(`clues submitted       ${total} at concurrency ${concurrency} in ${seconds.toFixed(2)} s (${(total / seconds).toFixed(0)}/s)`);
  console.log(`submit latency (ms)   p50 ${pct(50)}  p95 ${pct(95)}  p99 ${pct(99)}  max ${latencies.at(-1)!.toFixed(1)}`);
  console.log(`indicator caught up   ${((indicatorDone - submitted) / 1000).toFixed(2)} s after the last submit`);
  const acceptSeconds = (accepted - acceptStarted) / 1000;
  console.log(`clues accepted        ${total} in ${acceptSeconds.toFixed(2)} s (${(total / acceptSeconds).toFixed(0)}/s), latency p50 ${pctOf(acceptLatencies, 50)} p95 ${pctOf(acceptLatencies, 95)} ms`);
  console.log(`points caught up      ${((pointsDone - accepted) / 1000).toFixed(2)} s after the last acceptance (${perAccepted} per accepted clue)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
