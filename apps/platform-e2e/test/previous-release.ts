import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export interface Release {
  service: string;
  version: string;
  commit: string;
  /** How the commit was found: the release tag, or (a clone without tags) nx release's commit or the version bump. */
  foundBy: string;
}

/**
 * The newest release of `service` that HEAD contains: its `<service>@<version>` tag (nx release);
 * without tags (a clone that did not fetch them), nx release's `chore(release): <service>@…` commit,
 * else the last commit that changed the version in apps/<service>/package.json. `from` (a git ref,
 * ROLLING_UPGRADE_FROM) names another starting point, e.g. to prove an upgrade from an older release.
 */
export function previousRelease(service: string, from = process.env.ROLLING_UPGRADE_FROM): Release {
  if (from) {
    const commit = git('rev-parse', '--verify', `${from}^{commit}`);
    const { version } = JSON.parse(git('show', `${commit}:apps/${service}/package.json`)) as { version: string };
    return { service, version: `${version}+${commit.slice(0, 7)}`, commit, foundBy: `ROLLING_UPGRADE_FROM=${from}` };
  }
  // A shallow clone (CI may make one) has neither the tags nor the release's commit: fetch them from its origin.
  if (git('rev-parse', '--is-shallow-repository') === 'true') {
    execFileSync('git', ['fetch', '--quiet', '--unshallow', '--tags', 'origin'], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
  }
  const tag = git('tag', '--list', `${service}@*`, '--merged', 'HEAD', '--sort=-v:refname').split('\n').find(Boolean);
  if (tag) return { service, version: tag.slice(service.length + 1), commit: git('rev-list', '-n', '1', tag), foundBy: `tag ${tag}` };
  const released = git('log', '-n', '1', '--format=%H', '--fixed-strings', `--grep=chore(release): ${service}@`);
  const bumped = released || git('log', '-n', '1', '--format=%H', '-G', '"version"', '--', `apps/${service}/package.json`);
  if (!bumped) throw new Error(`no release of ${service} in this clone's history (no ${service}@* tag, no release commit): fetch the tags or the full history`);
  const { version } = JSON.parse(git('show', `${bumped}:apps/${service}/package.json`)) as { version: string };
  return { service, version, commit: bumped, foundBy: released ? 'its chore(release) commit' : 'the version bump in its package.json' };
}

export interface ReleaseBuild extends Release {
  /** The esbuild bundle, as the release's `build` target makes it (dist/apps/<service>/main.js). */
  main: string;
  /** The release's committed migrations, oldest first. */
  migrations: string[];
}

/**
 * Builds `release` from its own sources, never touching the working tree: `git archive` of the
 * commit into .cache/previous-release/<service>-<commit>, the workspace's node_modules linked in,
 * its Prisma client generated, its bundle built with esbuild as its project.json's `build` target
 * does (--packages=external: npm packages come from node_modules at run time, the @pgov libs are
 * bundled from the release's sources through its tsconfig paths). Cached by commit.
 */
export function buildRelease(release: Release): ReleaseBuild {
  const { service, commit } = release;
  const dir = join(ROOT, '.cache', 'previous-release', `${service}-${commit.slice(0, 12)}`);
  const main = join(dir, 'dist', 'apps', service, 'main.js');
  if (!existsSync(main)) {
    // Built aside and renamed into place: a half-built or concurrent build is never taken as done.
    const work = `${dir}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C "${work}"`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
      const run = (file: string, args: string[]) => execFileSync(file, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: 'postgresql://unused@127.0.0.1/unused' } });
      run(process.execPath, ['libs/prisma-offline/bin/prisma.cjs', 'generate', '--config', `apps/${service}/prisma.config.ts`]);
      run(join(ROOT, 'node_modules', '.bin', 'esbuild'), [
        `apps/${service}/src/main.ts`,
        '--bundle',
        '--platform=node',
        '--target=node20',
        '--packages=external',
        `--outfile=dist/apps/${service}/main.js`,
        '--sourcemap',
        '--log-level=warning',
      ]);
      copyFileSync(join(work, 'apps', service, 'src', 'schema.graphql'), join(work, 'dist', 'apps', service, 'schema.graphql'));
      if (existsSync(dir)) rmSync(work, { recursive: true, force: true });
      else renameSync(work, dir);
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      const e = error as Error & { stderr?: Buffer };
      throw new Error(`building ${service}@${release.version} (${commit}) failed: ${e.message}\n${e.stderr?.toString() ?? ''}`);
    }
  }
  const migrationsDir = join(dir, 'apps', service, 'prisma', 'migrations');
  const migrations = readdirSync(migrationsDir).filter((m) => m !== 'migration_lock.toml').sort();
  // A released migration is never edited afterwards: the successor's copy must be the same file.
  for (const m of migrations) {
    const current = join(ROOT, 'apps', service, 'prisma', 'migrations', m, 'migration.sql');
    if (!existsSync(current) || readFileSync(current, 'utf8') !== readFileSync(join(migrationsDir, m, 'migration.sql'), 'utf8')) {
      throw new Error(`migration ${m} of ${service}@${release.version} was changed or removed since the release`);
    }
  }
  return { ...release, main, migrations };
}
