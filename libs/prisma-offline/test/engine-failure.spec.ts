// A schema engine that fails must fail the command: `migrate deploy` in a release's init container once
// exited 0 having applied nothing when the engine could not load its WebAssembly file (issue 12).
import { chmodSync, cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { schemaEngineBinaryPath } from '../src';
import { FIXTURE_MIGRATIONS, ScratchDatabases, expectOk, output, query, removeScratchProjects, scratchFolder, scratchProject } from './support/scratch';

const databases = new ScratchDatabases();
afterAll(async () => {
  await databases.dispose();
  removeScratchProjects();
});

const DYING_ENGINE = join(__dirname, 'fixtures', 'dying-engine.cjs');

/**
 * A copy of bin/schema-engine.cjs next to a copy of @prisma/schema-engine-wasm without its .wasm file, in the
 * scratch space (the shared node_modules stays whole); its other packages resolve from the workspace above.
 */
function engineWithoutWasm(): string {
  const root = scratchFolder('engine-without-wasm');
  const wasmPackage = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const copy = join(root, 'node_modules', '@prisma', 'schema-engine-wasm');
  mkdirSync(copy, { recursive: true });
  cpSync(wasmPackage, copy, { recursive: true, filter: (source) => !source.endsWith('.wasm') });
  const binary = join(root, 'bin', 'schema-engine.cjs');
  mkdirSync(dirname(binary), { recursive: true });
  cpSync(schemaEngineBinaryPath, binary);
  chmodSync(binary, 0o755);
  return binary;
}

async function tables(database: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    database,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

describe('migrate deploy with a failing schema engine', () => {
  it('fails, saying why, when the engine cannot load its WebAssembly file; nothing is applied', async () => {
    const database = await databases.create('no_wasm');
    const project = scratchProject('no-wasm', FIXTURE_MIGRATIONS);

    const result = await project.prisma(['migrate', 'deploy'], { database, env: { PRISMA_SCHEMA_ENGINE_BINARY: engineWithoutWasm() } });

    expect({ code: result.code, output: output(result) }).toMatchObject({ code: 1 });
    expect(result.stderr).toContain('prisma-offline: cannot load the WebAssembly schema engine');
    expect(result.stderr).toContain('schema_engine_bg.wasm');
    expect(result.stdout).not.toContain('have been applied');
    expect(await tables(database)).toEqual([]);
  });

  it('fails when the engine dies while applying (no answer, exit 101); nothing is applied', async () => {
    const database = await databases.create('dying');
    const project = scratchProject('dying', FIXTURE_MIGRATIONS);

    const result = await project.prisma(['migrate', 'deploy'], { database, env: { PRISMA_SCHEMA_ENGINE_BINARY: DYING_ENGINE } });

    expect({ code: result.code, output: output(result) }).toMatchObject({ code: 1 });
    expect(result.stderr).toContain('dying-engine: crashed while handling the request');
    expect(await tables(database)).toEqual([]);
  });

  it('still succeeds with the working engine and applies every migration', async () => {
    const database = await databases.create('working');
    const project = scratchProject('working', FIXTURE_MIGRATIONS);

    const result = await project.prisma(['migrate', 'deploy'], { database });

    expectOk(result);
    expect(result.stdout).toContain('All migrations have been successfully applied.');
    expect(await tables(database)).toEqual(['_prisma_migrations', 'grid']);
    const applied = await query<{ migration_name: string }>(
      database,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(applied.map((row) => row.migration_name)).toEqual([...FIXTURE_MIGRATIONS]);
  });
});
