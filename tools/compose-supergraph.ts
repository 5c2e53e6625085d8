/**
 * Composes the supergraph from the four subgraphs' schema files (Federation 2, @apollo/composition;
 * no rover, no GraphOS) and writes apps/gateway/supergraph.graphql, which the gateway serves.
 *
 *   npx tsx tools/compose-supergraph.ts           write apps/gateway/supergraph.graphql
 *   npx tsx tools/compose-supergraph.ts --check   exit 1 when composition fails or the file is stale
 *
 * Why here and not in a lib or in apps/gateway: composition is build tooling for people and CI, like
 * the other scripts in tools/. Nothing may import an app, and a lib would need a new @pgov/* path in
 * tsconfig.base.json for one consumer. The gateway's staleness test (apps/gateway/test/supergraph.spec.ts)
 * runs this script with --check as a process rather than importing it, so no module boundary is
 * crossed. The functions are exported (pure, no side effects on import) for other tooling.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  /** Subgraph name in the supergraph (join__Graph); the gateway's buildService receives it. */
  name: string;
  /** Default routing URL written into the supergraph; the gateway overrides it per env var. */
  url: string;
  /** Federation 2 SDL. */
  sdl: string;
}

export type ComposeResult = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** The subgraphs, in a fixed order, with their local default ports (tools/infra/services.sh). */
export const SUBGRAPHS: readonly { name: string; port: number }[] = [
  { name: 'grids', port: 4001 },
  { name: 'clues', port: 4002 },
  { name: 'petitions', port: 4003 },
  { name: 'indicators', port: 4004 },
];

export const WORKSPACE_ROOT = resolve(__dirname, '..');
export const SUPERGRAPH_FILE = join(WORKSPACE_ROOT, 'apps', 'gateway', 'supergraph.graphql');

const HEADER =
  '# Composed by tools/compose-supergraph.ts from apps/{grids,clues,petitions,indicators}/src/schema.graphql.\n' +
  '# Do not edit: run `npx tsx tools/compose-supergraph.ts`. CI runs it with --check.\n';

/** Pure: composes SDL strings into a supergraph SDL, or lists every composition error. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): ComposeResult {
  const errors: string[] = [];
  const services = subgraphs.flatMap((s) => {
    try {
      return [{ name: s.name, url: s.url, typeDefs: parse(s.sdl) }];
    } catch (error) {
      errors.push(`${s.name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return {
    ok: true,
    supergraphSdl: `${HEADER}\n${result.supergraphSdl.trimEnd()}\n`,
    hints: result.hints.map((h) => h.toString()),
  };
}

/** Reads apps/<name>/src/schema.graphql for each subgraph; missing files are reported together. */
export function readSubgraphSources(root: string = WORKSPACE_ROOT): { sources: SubgraphSource[]; missing: string[] } {
  const sources: SubgraphSource[] = [];
  const missing: string[] = [];
  for (const { name, port } of SUBGRAPHS) {
    const file = join(root, 'apps', name, 'src', 'schema.graphql');
    if (!existsSync(file)) {
      missing.push(relative(root, file));
      continue;
    }
    sources.push({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readFileSync(file, 'utf8') });
  }
  return { sources, missing };
}

export type CheckResult =
  | { status: 'up-to-date'; supergraphSdl: string }
  | { status: 'stale' | 'absent'; supergraphSdl: string }
  | { status: 'failed'; errors: string[] };

/** Composes from the repository and compares with the committed supergraph file. */
export function checkSupergraph(root: string = WORKSPACE_ROOT, file: string = SUPERGRAPH_FILE): CheckResult {
  const { sources, missing } = readSubgraphSources(root);
  if (missing.length > 0) return { status: 'failed', errors: missing.map((m) => `missing subgraph schema ${m}`) };
  const composed = composeSupergraph(sources);
  if (!composed.ok) return { status: 'failed', errors: composed.errors };
  if (!existsSync(file)) return { status: 'absent', supergraphSdl: composed.supergraphSdl };
  const committed = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  return { status: committed === composed.supergraphSdl ? 'up-to-date' : 'stale', supergraphSdl: composed.supergraphSdl };
}

function main(args: string[]): number {
  const check = args.includes('--check');
  const result = checkSupergraph();
  const target = relative(process.cwd(), SUPERGRAPH_FILE);
  if (result.status === 'failed') {
    console.error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  if (check) {
    if (result.status === 'up-to-date') {
      console.log(`${target} is up to date`);
      return 0;
    }
    console.error(
      `${target} is ${result.status === 'absent' ? 'missing' : 'stale'}: the subgraph schemas compose to a different supergraph.\n` +
        'Run `npx tsx tools/compose-supergraph.ts` and commit the result.',
    );
    return 1;
  }
  if (result.status === 'up-to-date') {
    console.log(`${target} already up to date`);
  } else {
    writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl);
    console.log(`wrote ${target}`);
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
