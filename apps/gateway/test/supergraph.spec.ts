/**
 * apps/gateway/supergraph.graphql must be what apps/{grids,clues,petitions,indicators}/src/schema.graphql
 * compose to today. The test runs the same command as CI (`tools/compose-supergraph.ts --check`) as
 * a process: an app does not import tooling code. Fix a failure with
 * `npx tsx tools/compose-supergraph.ts` and commit the result.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('committed supergraph', () => {
  it('is up to date with the subgraphs’ schema files and composes', () => {
    const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['tools/compose-supergraph.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    if (run.status !== 0) throw new Error(`compose-supergraph --check failed (exit ${run.status}):\n${output}`);
    expect(output).toMatch(/up to date/);
  });
});
