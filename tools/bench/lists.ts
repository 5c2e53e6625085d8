/**
 * The list benchmark: a procurator's clue queue (first page and 50th page, with filters), a
 * free-text title search, and the petitions intake list, through the gateway on the running
 * system loaded with the large demo data:
 *   DATABASE_URL=postgresql://clues:clues@127.0.0.1:5432/clues npx tsx apps/clues/src/seed/main.ts --scale large
 *   DATABASE_URL=postgresql://petitions:petitions@127.0.0.1:5432/petitions npx tsx apps/petitions/src/seed/main.ts --scale large
 * Loopback only, bounded (each list asked --requests times at --concurrency).
 *
 *   npx tsx tools/bench/lists.ts [--district 610113] [--requests 200] [--concurrency 4]
 * Last line: `lists: p95 <m> ms at <n> clues`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role } from '@pgov/auth';
import { graphql } from '@pgov/testing';
import { runLoad } from './load';

const GATEWAY = 'http://127.0.0.1:4000/graphql';
const ROW = 'edges { cursor node { id number title status category submittedAt risk { level } } } pageInfo { hasNextPage endCursor }';
const QUEUE = `query Queue($after: String, $filter: ClueFilter) { clues(first: 20, after: $after, filter: $filter) { totalCount ${ROW} } }`;
const PETITIONS = `query Intake($filter: PetitionFilter) { petitions(first: 20, filter: $filter) { totalCount edges { node { id status category receivedAt } } } }`;

async function main() {
  const { values } = parseArgs({ options: { district: { type: 'string', default: '610113' }, requests: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '4' } } });
  const key = readFileSync(join(__dirname, '..', '..', '.run', 'keys', 'private.pem'), 'utf8');
  const procurator = await mintToken(key, { subject: 'bench-procurator', name: '承办检察官', roles: [Role.PROCURATOR, Role.CLERK], district: values.district! }, { expiresIn: '1h' });
  const auth = { authorization: `Bearer ${procurator}` };
  const filter = { status: ['SUBMITTED', 'ACCEPTED', 'ASSIGNED'], category: ['PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'CIVIL', 'CRIMINAL'] };

  // Walk to the 50th page once, to ask it again and again.
  let after: string | null = null;
  let total = 0;
  for (let page = 1; page < 50; page++) {
    type Page = { clues: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const res: Awaited<ReturnType<typeof graphql<Page>>> = await graphql<{ clues: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(GATEWAY, QUEUE, { after, filter }, procurator);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    total = res.data!.clues.totalCount;
    if (!res.data!.clues.pageInfo.hasNextPage) throw new Error(`the queue has fewer than 50 pages (${total} clues): load the large demo data first`);
    after = res.data!.clues.pageInfo.endCursor;
  }
  const everything = await graphql<{ clues: { totalCount: number } }>(GATEWAY, `{ clues(first: 1) { totalCount } }`, {}, await mintToken(key, { subject: 'bench-admin', name: '管理员', roles: [Role.CITY_ADMIN], district: '610100' }, { expiresIn: '1h' }));
  const cityClues = everything.data!.clues.totalCount;

  const check = (text: string) => {
    const parsed = JSON.parse(text) as { errors?: { message: string }[] };
    return parsed.errors ? parsed.errors[0]!.message : null;
  };
  const measure = async (label: string, body: string) => {
    // Closed loop over a fixed number of requests: stop when `requests` have answered.
    const requests = Number(values.requests);
    const result = await runLoad(GATEWAY, () => ({ body, headers: auth }), { connections: Number(values.concurrency), seconds: 60, check, maxRequests: requests });
    console.log(`${label.padEnd(34)} p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  (${result.requests} requests, errors ${result.errors}${result.firstError ? `: ${result.firstError}` : ''})`);
    return result.p95;
  };
  console.log(`district ${values.district}: ${total} clues in the filtered queue, ${cityClues} clues in the city`);
  const p95s = [
    await measure('queue, first page', JSON.stringify({ query: QUEUE, variables: { filter } })),
    await measure('queue, 50th page', JSON.stringify({ query: QUEUE, variables: { filter, after } })),
    await measure('title search "排污"', JSON.stringify({ query: QUEUE, variables: { filter: { text: '排污' } } })),
    await measure('petitions intake, overdue', JSON.stringify({ query: PETITIONS, variables: { filter: { overdue: true } } })),
  ];
  console.log(`lists: p95 ${Math.max(...p95s).toFixed(0)} ms at ${cityClues} clues`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
