/**
 * The five programs as processes of their own (as tools/up.sh runs them), on private ports, each
 * logging to <dir>/<name>.log (appended across restarts), so that the suite can kill -9 and
 * restart any of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export const SERVICES = ['grids', 'clues', 'petitions', 'indicators'] as const;
export type ProgramName = (typeof SERVICES)[number] | 'gateway';

export interface Program {
  name: ProgramName;
  port: number;
  start(): void;
  /** Resolves once /readyz answers 200 (throws if it exits or takes longer than timeoutMs). */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGKILL: no graceful shutdown, no outbox flush, no consumer leaving its group. */
  kill(): Promise<void>;
  /** SIGTERM (graceful). */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

export function program(name: ProgramName, port: number, env: Record<string, string>, logDir: string): Program {
  const logFile = join(logDir, `${name}.log`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const self: Program = {
    name,
    port,
    get pid() {
      return child?.pid;
    },
    start() {
      if (running()) throw new Error(`${name} is already running`);
      const out = openSync(logFile, 'a');
      child = spawn(process.execPath, ['--import', 'tsx', `apps/${name}/src/main.ts`], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
      closeSync(out);
      const c = child;
      // Never outlive the suite, even when it dies before stopping it.
      const reap = () => c.kill('SIGKILL');
      process.once('exit', reap);
      exited = new Promise((resolve) => c.once('exit', () => (process.removeListener('exit', reap), resolve())));
    },
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!running()) throw new Error(`${name} exited (code ${child?.exitCode}, see ${logFile})`);
        try {
          const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${name} not ready after ${timeoutMs} ms (see ${logFile})`);
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child!.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return self;
}

/** GET /readyz of a program: its status and body (for the "Kafka down" readiness report). */
export async function readiness(port: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3_000) });
  return { status: res.status, body: await res.json().catch(() => null) };
}
