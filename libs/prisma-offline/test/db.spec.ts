// `prisma migrate diff` and `prisma db …` offline, on a real PostgreSQL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScratchDatabases, expectOk, query, removeScratchProjects, scratchProject } from './support/scratch';

const databases = new ScratchDatabases();
afterAll(async () => {
  await databases.dispose();
  removeScratchProjects();
});

async function columns(database: string, table: string): Promise<Record<string, string>> {
  const rows = await query<{ column_name: string; data_type: string }>(
    database,
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
    [table],
  );
  return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
}

const GRID_COLUMNS = {
  id: 'uuid',
  code: 'text',
  name: 'text',
  district: 'text',
  created_at: 'timestamp without time zone',
};

describe('prisma migrate diff --from-empty --to-schema --script, then prisma db execute', () => {
  it('prints the SQL that creates the schema; db execute runs it, with a $$ block, as one script', async () => {
    // The wasm engine connects to the datasource even for a schema-to-schema diff: it needs a database.
    const database = await databases.create('diff');
    const project = scratchProject('diff');

    const diff = await project.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'schema.prisma', '--script'], { database });
    expectOk(diff);
    expect(diff.stdout).toContain('CREATE TABLE "grid"');
    expect(diff.stdout).toContain('CREATE UNIQUE INDEX "grid_code_key" ON "grid"("code");');
    expect(await columns(database, 'grid')).toEqual({});

    const seed = [
      'DO $$',
      'BEGIN',
      '  FOR i IN 1..3 LOOP',
      "    INSERT INTO grid (id, code, name) VALUES (gen_random_uuid(), 'g-' || i, 'Grid ' || i);",
      '  END LOOP;',
      'END',
      '$$;',
    ].join('\n');
    writeFileSync(join(project.dir, 'script.sql'), `${diff.stdout}\n${seed}\n`);
    expectOk(await project.prisma(['db', 'execute', '--file', 'script.sql'], { database }));

    expect(await columns(database, 'grid')).toEqual(GRID_COLUMNS);
    expect(await query(database, 'SELECT count(*)::int AS n FROM grid')).toEqual([{ n: 3 }]);
  });
});

describe('prisma db push', () => {
  it('makes the database match the schema without migrations', async () => {
    const database = await databases.create('push');
    const project = scratchProject('push');

    expectOk(await project.prisma(['db', 'push'], { database }));

    expect(await columns(database, 'grid')).toEqual(GRID_COLUMNS);
    expect(await query(database, "SELECT to_regclass('public._prisma_migrations') AS t")).toEqual([{ t: null }]);
  });
});
