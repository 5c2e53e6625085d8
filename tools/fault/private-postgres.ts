/**
 * A private PostgreSQL cluster for the fault suite (Debian's PostgreSQL binaries, its own data
 * directory and port): the suite restarts it, so it never touches the shared server on 5432.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BIN = `/usr/lib/postgresql/${process.env.PG_VERSION ?? '15'}/bin`;

export interface PrivatePostgres {
  port: number;
  /** postgresql://<svc>:<svc>@127.0.0.1:<port>/<svc> */
  url(service: string): string;
  /** pg_ctl restart -m immediate (a crash and recovery) or fast; resolves when it accepts connections again. */
  restart(mode: 'immediate' | 'fast'): void;
  stop(): void;
}

/** Runs a PostgreSQL binary as the postgres OS user when we are root (initdb refuses root). */
function run(dir: string, bin: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]] : [join(BIN, bin), args];
  return execFileSync(cmd, argv, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function startPrivatePostgres(dir: string, port: number, services: readonly string[]): PrivatePostgres {
  const data = join(dir, 'pgdata');
  const log = join(dir, 'postgres.log');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  run(dir, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Loopback only; fsync off: the suite crashes PostgreSQL, never the machine (WAL still reaches the OS).
  appendFileSync(
    join(data, 'postgresql.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'max_connections = 200', 'shared_buffers = 128MB'].join('\n') + '\n',
  );
  const ctl = (args: string[]) => run(dir, 'pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args]);
  ctl(['start']);
  // Never outlive the suite: an immediate stop at exit if it is still running.
  const reap = () => {
    try {
      ctl(['-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
  };
  process.once('exit', reap);
  const psql = (sql: string) => run(dir, 'psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]);
  for (const svc of services) {
    psql(`CREATE ROLE ${svc} LOGIN CREATEDB PASSWORD '${svc}'`);
    psql(`CREATE DATABASE ${svc} OWNER ${svc}`);
  }
  return {
    port,
    url: (svc) => `postgresql://${svc}:${svc}@127.0.0.1:${port}/${svc}`,
    restart: (mode) => void ctl(['-m', mode, 'restart']),
    stop: () => {
      process.removeListener('exit', reap);
      ctl(['-m', 'fast', 'stop']);
    },
  };
}
