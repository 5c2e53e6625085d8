// `prisma migrate …` offline, on a real PostgreSQL: the commands a service runs in development and at release.
import { appendFileSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURE_MIGRATIONS,
  ScratchDatabases,
  expectOk,
  leftoverShadowDatabases,
  query,
  removeScratchProjects,
  scratchProject,
} from './support/scratch';

const databases = new ScratchDatabases();
afterAll(async () => {
  await databases.dispose();
  removeScratchProjects();
});

const [INIT, GRID_DISTRICT] = FIXTURE_MIGRATIONS;

async function tables(database: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    database,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

async function appliedMigrations(database: string): Promise<string[]> {
  const rows = await query<{ migration_name: string }>(
    database,
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
  );
  return rows.map((row) => row.migration_name);
}

describe('prisma migrate dev', () => {
  it('creates and applies the first migration, diffing through a temporary shadow database', async () => {
    const database = await databases.create('dev_first');
    const project = scratchProject('dev-first');

    expectOk(await project.prisma(['migrate', 'dev', '--name', 'init'], { database }));

    const [created] = readdirSync(project.migrationsDir).filter((entry) => entry.endsWith('_init'));
    expect(created).toBeDefined();
    const sql = readFileSync(join(project.migrationsDir, created as string, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "grid"');
    expect(sql).toContain('CREATE UNIQUE INDEX "grid_code_key"');
    expect(await tables(database)).toEqual(['_prisma_migrations', 'grid']);
    expect(await appliedMigrations(database)).toEqual([created]);
    expect(await leftoverShadowDatabases()).toEqual([]);
  });

  it('creates a draft with --create-only, then applies it with its hand-written $$ plpgsql function', async () => {
    const database = await databases.create('dev_draft');
    // The previous release's migration exists; the schema has moved on (grid.district).
    const project = scratchProject('dev-draft', [INIT]);

    expectOk(await project.prisma(['migrate', 'dev', '--create-only', '--name', 'grid_code_upper'], { database }));
    const [draft] = readdirSync(project.migrationsDir).filter((entry) => entry.endsWith('_grid_code_upper'));
    expect(draft).toBeDefined();
    const draftFile = join(project.migrationsDir, draft as string, 'migration.sql');
    expect(readFileSync(draftFile, 'utf8')).toContain('ADD COLUMN     "district" TEXT');
    expect(await appliedMigrations(database)).toEqual([INIT]);

    appendFileSync(
      draftFile,
      [
        '',
        'CREATE FUNCTION "grid_code_upper"() RETURNS trigger LANGUAGE plpgsql AS $$',
        'BEGIN',
        '  NEW."code" := upper(NEW."code");',
        '  RETURN NEW;',
        'END;',
        '$$;',
        'CREATE TRIGGER "grid_code_upper" BEFORE INSERT ON "grid" FOR EACH ROW EXECUTE FUNCTION "grid_code_upper"();',
        '',
      ].join('\n'),
    );
    expectOk(await project.prisma(['migrate', 'dev'], { database }));

    expect(await appliedMigrations(database)).toEqual([INIT, draft]);
    const [row] = await query(database, "INSERT INTO grid (id, code, name) VALUES (gen_random_uuid(), 'north-1', 'North') RETURNING code, district");
    expect(row).toEqual({ code: 'NORTH-1', district: null });
    expect(await leftoverShadowDatabases()).toEqual([]);
  });
});

describe('prisma migrate deploy', () => {
  it('applies the first release to an empty database, then the next release on top of it', async () => {
    const database = await databases.create('deploy');
    const project = scratchProject('deploy', [INIT]);

    expectOk(await project.prisma(['migrate', 'deploy'], { database }));
    expect(await appliedMigrations(database)).toEqual([INIT]);
    await query(database, "INSERT INTO grid (id, code, name) VALUES (gen_random_uuid(), 'east-1', 'East')");

    project.addMigrations([GRID_DISTRICT]);
    const next = await project.prisma(['migrate', 'deploy'], { database });
    expectOk(next);
    expect(next.stdout).toContain(GRID_DISTRICT);
    expect(next.stdout).not.toContain(INIT);

    expect(await appliedMigrations(database)).toEqual([INIT, GRID_DISTRICT]);
    // Data from the first release is still there; the trigger from the $$ function now runs.
    await query(database, "INSERT INTO grid (id, code, name, district) VALUES (gen_random_uuid(), 'west-1', 'West', 'W')");
    expect(await query(database, 'SELECT code, district FROM grid ORDER BY code')).toEqual([
      { code: 'WEST-1', district: 'W' },
      { code: 'east-1', district: null },
    ]);

    const status = await project.prisma(['migrate', 'status'], { database });
    expectOk(status);
    expect(status.stdout).toContain('Database schema is up to date!');
  });

  it('reports a failing migration with its database error (P3018); migrate resolve marks it rolled back', async () => {
    const database = await databases.create('failing');
    const project = scratchProject('failing', [INIT]);
    const broken = '20261120000000_broken';
    mkdirSync(join(project.migrationsDir, broken));
    writeFileSync(join(project.migrationsDir, broken, 'migration.sql'), 'ALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n');

    const failed = await project.prisma(['migrate', 'deploy'], { database });
    expect(failed.code).toBe(1);
    expect(failed.networkAttempts).toEqual([]);
    expect(failed.stderr).toContain('P3018');
    expect(failed.stderr).toContain(`Migration name: ${broken}`);
    expect(failed.stderr).toContain('Database error code: 42P01');

    expectOk(await project.prisma(['migrate', 'resolve', '--rolled-back', broken], { database }));
    const [record] = await query(database, 'SELECT rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations WHERE migration_name = $1', [broken]);
    expect(record).toEqual({ rolled_back: true });
  });
});

describe('prisma migrate reset', () => {
  it('empties the database and applies every migration again', async () => {
    const database = await databases.create('reset');
    const project = scratchProject('reset', FIXTURE_MIGRATIONS);
    await query(database, 'CREATE TABLE stray (id int); INSERT INTO stray VALUES (1)');

    expectOk(await project.prisma(['migrate', 'reset', '--force'], { database }));

    expect(await tables(database)).toEqual(['_prisma_migrations', 'grid']);
    expect(await appliedMigrations(database)).toEqual([...FIXTURE_MIGRATIONS]);
  });
});
