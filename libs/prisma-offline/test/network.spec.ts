// No Prisma command reaches the network through this library; without it, the CLI goes for Prisma's servers.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { offlinePrismaEnv, prismaCliPath } from '../src';
import { removeScratchProjects, scratchProject } from './support/scratch';

afterAll(() => removeScratchProjects());

const WRAPPER = join(__dirname, '..', 'bin', 'prisma.cjs');
const GUARD = join(__dirname, 'fixtures', 'network-guard.cjs');

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; attempts: string[]; stdout: string }> {
  const log = join(cwd, 'guard.log');
  rmSync(log, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...env, NODE_OPTIONS: `--require ${GUARD}`, NETWORK_GUARD_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const attempts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
      resolve({ code, attempts, stdout: stripVTControlCharacters(stdout) });
    });
  });
}

/** process.env without anything that would make the bare CLI offline. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  for (const name of Object.keys(offlinePrismaEnv())) if (name !== 'CHECKPOINT_DISABLE') delete env[name];
  return env;
}

describe('network access', () => {
  it('the bare Prisma CLI tries to download the schema engine (the guard notices)', async () => {
    const { dir } = scratchProject('bare');

    const bare = await run([prismaCliPath(), '--version'], bareEnv(), dir);

    expect(bare.code).not.toBe(0);
    expect(bare.attempts.join('\n')).toContain('binaries.prisma.sh');
  });

  it('bin/prisma.cjs runs the CLI without any attempt, and passes its exit code through', async () => {
    const { dir } = scratchProject('wrapper');

    const version = await run([WRAPPER, '--version'], bareEnv(), dir);
    expect(version).toMatchObject({ code: 0, attempts: [] });
    expect(version.stdout).toContain('resolved by PRISMA_SCHEMA_ENGINE_BINARY');

    const failing = await run([WRAPPER, 'migrate', 'status', '--config', 'no-such.config.ts'], bareEnv(), dir);
    expect(failing).toMatchObject({ code: 1, attempts: [] });
  });
});
