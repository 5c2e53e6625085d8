import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prismaCli } from '@pgov/prisma-offline';
import { testDatabaseUrl, withPg } from './database';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * `migrate deploy` on a previous release's database (SERVICE-DONE): a fresh scratch database of
 * `service` (beside its test database, dropped by `drop`), migrated as far as a release shipped,
 * rows written the way that release wrote them, then the committed migrations since.
 */
export function upgradeDatabase(service: string) {
  const prisma = join(ROOT, 'apps', service, 'prisma');
  const run = randomBytes(4).toString('hex');
  const database = `${service}_upgrade_${run}`;
  const work = join(ROOT, '.run', 'tmp', `${service}-upgrade-${run}`);
  const base = new URL(testDatabaseUrl(service));
  const url = Object.assign(new URL(base), { pathname: `/${database}` }).toString();

  /** A Prisma project of the service's schema holding only `migrations`, as a release shipped them. */
  function project(migrations: string[]) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'prisma', 'migrations'), { recursive: true });
    cpSync(join(prisma, 'schema'), join(work, 'prisma', 'schema'), { recursive: true, dereference: true });
    cpSync(join(prisma, 'migrations', 'migration_lock.toml'), join(work, 'prisma', 'migrations', 'migration_lock.toml'));
    for (const m of migrations) cpSync(join(prisma, 'migrations', m), join(work, 'prisma', 'migrations', m), { recursive: true });
    writeFileSync(
      join(work, 'prisma.config.ts'),
      `import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema', migrations: { path: 'prisma/migrations' }, datasource: { url: process.env.DATABASE_URL } });\n`,
    );
  }

  return {
    url,
    /** The committed migrations, oldest first. */
    migrations: () => readdirSync(join(prisma, 'migrations')).filter((m) => m !== 'migration_lock.toml').sort(),
    create: () => withPg(base.toString(), (c) => c.query(`CREATE DATABASE ${database}`)),
    /** Applies `migrations` (those not applied yet); throws with the CLI's output when it fails. */
    async deploy(migrations: string[]) {
      project(migrations);
      const result = await prismaCli(['migrate', 'deploy', '--config', 'prisma.config.ts'], { cwd: work, env: { DATABASE_URL: url } });
      if (result.code !== 0) throw new Error(`migrate deploy failed (${result.code}):\n${result.stderr}\n${result.stdout}`);
    },
    sql: <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => withPg(url, async (c) => (await c.query<T>(text, params)).rows),
    async drop() {
      rmSync(work, { recursive: true, force: true });
      await withPg(base.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}
