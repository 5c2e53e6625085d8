// The schema-engine executable on its own, spoken to as the Prisma CLI speaks to the native binary.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { schemaEngineBinaryPath } from '../src';
import { FIXTURE_DIR, ScratchDatabases, databaseExists, databaseUrl } from './support/scratch';

const databases = new ScratchDatabases();
afterAll(() => databases.dispose());

function engine(args: string[]) {
  return spawnSync(schemaEngineBinaryPath, args, { encoding: 'utf8', env: { ...process.env, RUST_LOG: 'info' } });
}

/** The JSON log lines the engine wrote to stderr. */
function logLines(stderr: string): Array<{ level: string; target: string; fields: Record<string, unknown> }> {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('schema-engine --version', () => {
  it('prints the engine commit the installed Prisma CLI expects', () => {
    // The engine commit the installed CLI was built for, as @prisma/engines-version (a CLI dependency) records it.
    const cliDir = dirname(require.resolve('prisma/package.json'));
    const versionFile = require.resolve('@prisma/engines-version/package.json', { paths: [cliDir] });
    const enginesVersion = (JSON.parse(readFileSync(versionFile, 'utf8')) as { prisma: { enginesVersion: string } }).prisma.enginesVersion;

    const result = engine(['--version']);

    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`schema-engine-cli ${enginesVersion}`);
  });
});

describe('schema-engine cli subcommands', () => {
  it('reports a missing database, creates it, connects, and drops it', async () => {
    const name = databases.name('cli');
    const datasource = JSON.stringify({ url: databaseUrl(name) });

    const missing = engine(['--datasource', datasource, 'cli', 'can-connect-to-database']);
    expect(missing.status).toBe(1);
    // The CLI skips the first stderr line, then reads the error from the schema_engine::logger line.
    const [first, error] = logLines(missing.stderr);
    expect(first?.level).toBe('INFO');
    expect(error).toMatchObject({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: 'P1003' } });

    expect(engine(['--datasource', datasource, 'cli', 'create-database']).status).toBe(0);
    expect(await databaseExists(name)).toBe(true);

    expect(engine(['--datasource', datasource, 'cli', 'can-connect-to-database']).status).toBe(0);

    const again = engine(['--datasource', datasource, 'cli', 'create-database']);
    expect(again.status).toBe(1);
    expect(logLines(again.stderr).at(-1)?.fields).toMatchObject({ error_code: 'P1009' });

    expect(engine(['--datasource', datasource, 'cli', 'drop-database']).status).toBe(0);
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('schema-engine JSON-RPC server', () => {
  it('answers one request per line, sends diff output as a print request, and exits when stdin closes', async () => {
    const name = await databases.create('rpc');
    const schemaPath = join(FIXTURE_DIR, 'schema.prisma');
    const child = spawn(schemaEngineBinaryPath, ['--datamodels', schemaPath, '--datasource', JSON.stringify({ url: databaseUrl(name) })], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const stdout: string[] = [];
    const waiting: Array<(line: string) => void> = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      waiting.shift()?.(line);
    });
    const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push((line) => resolve(JSON.parse(line))));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);

    try {
      send({ jsonrpc: '2.0', id: 1, method: 'getDatabaseVersion' });
      expect(await next()).toMatchObject({ jsonrpc: '2.0', id: 1, result: expect.stringMatching(/^PostgreSQL 15/) });

      send({
        jsonrpc: '2.0',
        id: 2,
        method: 'diff',
        params: {
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
          script: true,
          exitCode: null,
          filters: { externalTables: [], externalEnums: [] },
        },
      });
      const print = (await next()) as { id: string; method: string; params: { content: string } };
      expect(print.method).toBe('print');
      expect(print.params.content).toContain('CREATE TABLE "grid"');
      send({ jsonrpc: '2.0', id: print.id, result: {} });
      expect(await next()).toEqual({ jsonrpc: '2.0', id: 2, result: { exitCode: 0 } });

      send({ jsonrpc: '2.0', id: 3, method: 'noSuchMethod' });
      expect(await next()).toMatchObject({ id: 3, error: { code: -32601 } });
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
    expect(stdout.every((line) => JSON.parse(line).jsonrpc === '2.0')).toBe(true);
  });
});
