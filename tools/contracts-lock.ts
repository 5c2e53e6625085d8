/**
 * Records what consumers have been promised, after checking the change keeps that promise:
 * - events: libs/contracts/compat/events.lock.json — per topic, type and version, the data schema
 *   and sample data of every released shape (libs/contracts/src/contract-lock.ts);
 * - the graph: apps/gateway/api-schema.lock.graphql — the API schema front-end queries are
 *   written against (the committed supergraph's, without federation's own types).
 * The test suite fails while either lock is stale (libs/contracts/src/contract-lock.spec.ts,
 * apps/gateway/test/graph-compat.spec.ts). A breaking change is refused unless deliberate:
 *
 *   npx tsx tools/contracts-lock.ts                    record compatible changes and new events
 *   npx tsx tools/contracts-lock.ts --accept-breaking  also record breaking ones (say why in the commit)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Supergraph } from '@apollo/federation-internals';
import { allEvents } from '@pgov/contracts';
import { breakingGraphChanges, printSorted } from '@pgov/graphql-kit';
import { nextLock, reviewLock, type EventLock } from '../libs/contracts/src/contract-lock';
import { contractSamples } from '../libs/contracts/src/sample-data';

const ROOT = join(__dirname, '..');
export const EVENT_LOCK_FILE = join(ROOT, 'libs', 'contracts', 'compat', 'events.lock.json');
export const GRAPH_LOCK_FILE = join(ROOT, 'apps', 'gateway', 'api-schema.lock.graphql');
const SUPERGRAPH_FILE = join(ROOT, 'apps', 'gateway', 'supergraph.graphql');

function main() {
  const { values } = parseArgs({ options: { 'accept-breaking': { type: 'boolean', default: false } } });
  const accept = values['accept-breaking'] === true;

  // No lock yet: the first release records everything as it is.
  const lock = existsSync(EVENT_LOCK_FILE) ? (JSON.parse(readFileSync(EVENT_LOCK_FILE, 'utf8')) as EventLock) : {};
  const events = reviewLock(lock, allEvents, (d) => contractSamples(d, 20));
  const apiSdl = printSorted(Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema());
  const graph = existsSync(GRAPH_LOCK_FILE) ? breakingGraphChanges(readFileSync(GRAPH_LOCK_FILE, 'utf8'), apiSdl) : [];
  const breaking = [...events.breaking, ...graph.map((c) => `graph: ${c}`)];
  if (breaking.length > 0 && !accept) {
    console.error(`Breaking changes (publish a new major version of the topic, or keep the field; --accept-breaking records them):\n  ${breaking.join('\n  ')}`);
    process.exit(1);
  }
  writeFileSync(EVENT_LOCK_FILE, `${JSON.stringify(nextLock(lock, allEvents, (d) => contractSamples(d)), null, 2)}\n`);
  writeFileSync(GRAPH_LOCK_FILE, apiSdl);
  for (const line of [...breaking.map((b) => `accepted breaking: ${b}`), ...events.unrecorded]) console.log(line);
  console.log(`contracts-lock: ${allEvents.length} event contracts and the API schema recorded`);
}

main();
