// `prisma generate` offline: the `prisma-client` generator, CommonJS, no query engine; the generated client
// reads and writes through @prisma/adapter-pg, under ts-jest (this test) and under tsx.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { FIXTURE_MIGRATIONS, ScratchDatabases, databaseUrl, expectOk, query, removeScratchProjects, scratchProject } from './support/scratch';

const databases = new ScratchDatabases();
afterAll(async () => {
  await databases.dispose();
  removeScratchProjects();
});

/** The part of the generated client this test uses. */
interface GridRow {
  id: string;
  code: string;
  name: string;
  district: string | null;
  createdAt: Date;
}
interface GeneratedClient {
  grid: {
    create(args: { data: { code: string; name: string; district?: string } }): Promise<GridRow>;
    findUnique(args: { where: { code: string } }): Promise<GridRow | null>;
  };
  $disconnect(): Promise<void>;
}
type ClientModule = { PrismaClient: new (options: { adapter: PrismaPg }) => GeneratedClient };

function runTsx(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('prisma generate', () => {
  it('generates a CommonJS client without any download, which reads and writes a row through the pg adapter', async () => {
    const project = scratchProject('generate', FIXTURE_MIGRATIONS);

    // No database needed to generate.
    const generated = await project.prisma(['generate']);
    expectOk(generated);
    expect(generated.stdout).toContain('Generated Prisma Client (7.10.0)');
    const clientFile = join(project.dir, 'generated', 'prisma', 'client.ts');
    expect(existsSync(clientFile)).toBe(true);
    const clientSource = readFileSync(clientFile, 'utf8');
    expect(clientSource).toContain('from "./internal/class"');
    expect(clientSource).not.toContain('import.meta');

    const database = await databases.create('generate');
    expectOk(await project.prisma(['migrate', 'deploy'], { database }));

    // Under ts-jest (CommonJS).
    const { PrismaClient } = (await import(join(project.dir, 'generated', 'prisma', 'client'))) as ClientModule;
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(database) }) });
    try {
      const created = await prisma.grid.create({ data: { code: 'south-1', name: 'South', district: 'S' } });
      expect(created).toMatchObject({ code: 'SOUTH-1', name: 'South', district: 'S' });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await prisma.grid.findUnique({ where: { code: 'SOUTH-1' } })).toEqual(created);
    } finally {
      await prisma.$disconnect();
    }
    expect(await query(database, 'SELECT code, name FROM grid')).toEqual([{ code: 'SOUTH-1', name: 'South' }]);

    // Under tsx, as tools and scripts would run it.
    const script = join(project.dir, 'count-grids.ts');
    writeFileSync(
      script,
      [
        "import { PrismaPg } from '@prisma/adapter-pg';",
        "import { PrismaClient } from './generated/prisma/client';",
        'const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });',
        "prisma.grid.count().then((n) => console.log(JSON.stringify({ n }))).finally(() => prisma.$disconnect());",
        '',
      ].join('\n'),
    );
    const tsx = await runTsx(script, { DATABASE_URL: databaseUrl(database) });
    expect(tsx).toMatchObject({ code: 0, stdout: '{"n":1}\n' });
  });
});
