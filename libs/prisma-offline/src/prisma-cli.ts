import { spawn } from 'node:child_process';
import { offlinePrismaEnv, prismaCliNodeArgs } from './offline-env';

export interface PrismaCliOptions {
  /** Working directory of the CLI (relative `--config`/`--schema` paths resolve from here). */
  cwd?: string;
  /** Extra environment, on top of process.env and the offline variables (DATABASE_URL, …). */
  env?: NodeJS.ProcessEnv;
  /** Kill the CLI after this many milliseconds (default 120 000); the result then has code null. */
  timeoutMs?: number;
}

export interface PrismaCliResult {
  /** Exit code; null if the process was killed (timeout or signal). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Runs the installed Prisma CLI offline (the schema engine is this library's wasm-backed replacement)
 * and collects its output. Never rejects for a failing command: look at `code`.
 *
 * @example
 *   const { code, stdout } = await prismaCli(['migrate', 'deploy', '--config', 'apps/grids/prisma.config.ts']);
 */
export function prismaCli(args: readonly string[], options: PrismaCliOptions = {}): Promise<PrismaCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, prismaCliNodeArgs(args), {
      cwd: options.cwd,
      env: { ...process.env, ...offlinePrismaEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
