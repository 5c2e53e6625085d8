// Test support: scratch PostgreSQL databases and scratch Prisma projects, each unique to one test run,
// and a way to run the offline Prisma CLI that records any attempt to reach the network.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Client } from 'pg';
import { prismaCli, type PrismaCliResult } from '../../src';

/** A role with LOGIN CREATEDB; every database the tests create is named prisma_offline_<run>_<label>. */
export const ADMIN_URL =
  process.env.PRISMA_OFFLINE_TEST_DATABASE_URL ?? 'postgresql://prisma_offline:prisma_offline@127.0.0.1:5432/postgres';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'app');
export const FIXTURE_MIGRATIONS = ['20261101000000_init', '20261115000000_grid_district'] as const;
const NETWORK_GUARD = join(__dirname, '..', 'fixtures', 'network-guard.cjs');
const SCRATCH_ROOT = join(__dirname, '..', '..', '.tmp');

const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one query on `database` (default: the admin URL's database) with a short-lived connection. */
export async function query<T extends Record<string, unknown> = Record<string, unknown>>(
  database: string | undefined,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: database ? databaseUrl(database) : ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await query(undefined, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
}

/** Shadow databases the engine left behind (it should leave none). */
export async function leftoverShadowDatabases(): Promise<string[]> {
  const rows = await query<{ datname: string }>(undefined, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_migrate\\_shadow\\_db\\_%'");
  return rows.map((row) => row.datname);
}

/** Names (and drops, in dispose) the scratch databases of one spec file. */
export class ScratchDatabases {
  private readonly names = new Set<string>();

  /** A unique database name; the database is not created. */
  name(label: string): string {
    const name = `prisma_offline_${runId}_${label}`.slice(0, 63);
    this.names.add(name);
    return name;
  }

  async create(label: string): Promise<string> {
    const name = this.name(label);
    await query(undefined, `CREATE DATABASE "${name}"`);
    return name;
  }

  async dispose(): Promise<void> {
    for (const name of this.names) await query(undefined, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    this.names.clear();
  }
}

export interface ScratchProject {
  dir: string;
  /** Runs the offline Prisma CLI in the project, against `database` if given. */
  prisma(args: string[], options?: { database?: string; env?: NodeJS.ProcessEnv }): Promise<GuardedResult>;
  /** Copies fixture migrations into the project's migrations folder. */
  addMigrations(names: readonly string[]): void;
  migrationsDir: string;
}

export interface GuardedResult extends PrismaCliResult {
  /** Outgoing connections that were not to the loopback interface (expected: none). */
  networkAttempts: string[];
}

/** Copies the fixture project (schema, prisma.config.ts, the given migrations) into a scratch folder. */
export function scratchProject(label: string, migrations: readonly string[] = []): ScratchProject {
  const dir = join(SCRATCH_ROOT, runId, label);
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURE_DIR, 'schema.prisma'), join(dir, 'schema.prisma'));
  cpSync(join(FIXTURE_DIR, 'prisma.config.ts'), join(dir, 'prisma.config.ts'));
  const migrationsDir = join(dir, 'migrations');
  const addMigrations = (names: readonly string[]) => {
    mkdirSync(migrationsDir, { recursive: true });
    cpSync(join(FIXTURE_DIR, 'migrations', 'migration_lock.toml'), join(migrationsDir, 'migration_lock.toml'));
    for (const name of names) cpSync(join(FIXTURE_DIR, 'migrations', name), join(migrationsDir, name), { recursive: true });
  };
  if (migrations.length > 0) addMigrations(migrations);
  const guardLog = join(dir, 'network-guard.log');

  return {
    dir,
    migrationsDir,
    addMigrations,
    async prisma(args, options = {}) {
      rmSync(guardLog, { force: true });
      const result = await prismaCli(args, {
        cwd: dir,
        env: {
          DATABASE_URL: options.database ? databaseUrl(options.database) : '',
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${NETWORK_GUARD}`.trim(),
          NETWORK_GUARD_LOG: guardLog,
          // Were anything to reach for the internet through a proxy, it would fail here.
          HTTPS_PROXY: 'http://127.0.0.1:9',
          HTTP_PROXY: 'http://127.0.0.1:9',
          ...options.env,
        },
      });
      const networkAttempts = existsSync(guardLog) ? readFileSync(guardLog, 'utf8').split('\n').filter(Boolean) : [];
      // Under Nx the CLI colours its output (FORCE_COLOR); compare plain text.
      return { ...result, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr), networkAttempts };
    },
  };
}

/** An empty folder of this run's scratch space (removed with the scratch projects). */
export function scratchFolder(label: string): string {
  const dir = join(SCRATCH_ROOT, runId, label);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeScratchProjects(): void {
  rmSync(join(SCRATCH_ROOT, runId), { recursive: true, force: true });
  try {
    rmdirSync(SCRATCH_ROOT); // only when no other run is still using it
  } catch {
    // not empty
  }
}

/** For failure messages: everything the CLI said. */
export function output(result: PrismaCliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** Asserts that the command succeeded without trying to reach the network; shows its output otherwise. */
export function expectOk(result: GuardedResult): void {
  if (result.code !== 0) throw new Error(`prisma failed:\n${output(result)}`);
  expect(result.networkAttempts).toEqual([]);
}
