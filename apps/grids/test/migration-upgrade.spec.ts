import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { prismaCli } from '@pgov/prisma-offline';
import { createTestKeys, deleteNamespace, graphql, identityOf, serviceTestEnv, testDatabaseUrl, testNamespace, withPg } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createGridsService } from '../src/service';

// `migrate deploy` on the previous release's database (SERVICE-DONE): the first release's schema
// with rows in it, then every migration since, then the service starting on it. A fresh database
// per run, dropped afterwards; the migrations are the committed ones.
const ROOT = join(__dirname, '..', '..', '..');
const PRISMA = join(__dirname, '..', 'prisma');
const FIRST_RELEASE = '20261125000000_init';
const run = randomBytes(4).toString('hex');
const database = `grids_upgrade_${run}`;
const work = join(ROOT, '.run', 'tmp', `grids-upgrade-${run}`);
const base = new URL(testDatabaseUrl('grids'));
const url = Object.assign(new URL(base), { pathname: `/${database}` }).toString();
const namespace = testNamespace();

const legacy = { street: randomUUID(), community: randomUUID(), member: randomUUID(), phone: '13700001111', idNumber: '11010519491231002X' };

/** A Prisma project of the grids schema holding only `migrations`, as a release shipped them. */
function project(migrations: string[]) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'prisma', 'migrations'), { recursive: true });
  cpSync(join(PRISMA, 'schema'), join(work, 'prisma', 'schema'), { recursive: true, dereference: true });
  cpSync(join(PRISMA, 'migrations', 'migration_lock.toml'), join(work, 'prisma', 'migrations', 'migration_lock.toml'));
  for (const m of migrations) cpSync(join(PRISMA, 'migrations', m), join(work, 'prisma', 'migrations', m), { recursive: true });
  writeFileSync(
    join(work, 'prisma.config.ts'),
    `import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema', migrations: { path: 'prisma/migrations' }, datasource: { url: process.env.DATABASE_URL } });\n`,
  );
}

async function deploy() {
  const result = await prismaCli(['migrate', 'deploy', '--config', 'prisma.config.ts'], { cwd: work, env: { DATABASE_URL: url } });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
}

const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => withPg(url, async (c) => (await c.query<T>(text, params)).rows);

beforeAll(async () => {
  await withPg(base.toString(), (c) => c.query(`CREATE DATABASE ${database}`));
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await withPg(base.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  await deleteNamespace(namespace);
});

describe('upgrading the previous release’s grids database', () => {
  it('applies every later migration over rows of the first release', async () => {
    project([FIRST_RELEASE]);
    await deploy();
    // What the first release wrote: a hierarchy without community districts, a member in clear, a ledger entry.
    await sql(`INSERT INTO street (id, code, name, district_code) VALUES ($1, '610113-U1', '旧街道', '610113')`, [legacy.street]);
    await sql(`INSERT INTO community (id, code, name, street_id) VALUES ($1, '610113-U1-01', '旧社区', $2)`, [legacy.community, legacy.street]);
    await sql(`INSERT INTO grid (code, name, community_id, district_code) VALUES ('610113-U1-01-01', '旧网格', $1, '610113')`, [legacy.community]);
    await sql(
      `INSERT INTO member (id, name, team, informant_roles, status, grid_code, district_code, phone, id_number, joined_on)
       VALUES ($1, '老网格员', 'GRID_WORKER', '{INFORMATION_OFFICER}', 'ACTIVE', '610113-U1-01-01', '610113', $2, $3, '2023-05-01')`,
      [legacy.member, legacy.phone, legacy.idNumber],
    );
    await sql(`INSERT INTO points_entry (id, member_id, clue_id, points, reason, source_event_id) VALUES ($1, $2, $3, 1, 'CLUE_REPORTED', $4)`, [
      randomUUID(),
      legacy.member,
      randomUUID(),
      randomUUID(),
    ]);

    project(readdirSync(join(PRISMA, 'migrations')).filter((m) => m !== 'migration_lock.toml'));
    await deploy();

    expect(await sql(`SELECT district_code FROM community WHERE id = $1`, [legacy.community])).toEqual([{ district_code: '610113' }]);
    expect(await sql(`SELECT code, level FROM unit_code ORDER BY code`)).toEqual([
      { code: '610113-U1', level: 'STREET' },
      { code: '610113-U1-01', level: 'COMMUNITY' },
      { code: '610113-U1-01-01', level: 'GRID' },
    ]);
    expect(await sql(`SELECT points, reason FROM points_entry WHERE member_id = $1`, [legacy.member])).toEqual([{ points: 1, reason: 'CLUE_REPORTED' }]);
  });

  it('serves the upgraded database: the member encrypted at start, read whole by the entitled, the old credit kept', async () => {
    const keys = await createTestKeys();
    const config = readConfig(serviceTestEnv('grids', { keys, namespace, extra: { DATABASE_URL: url } }));
    const service = createGridsService(config, createLogger('grids-upgrade-test', 'silent'));
    const endpoint = await service.start();
    try {
      const [row] = await sql<{ phone: string | null; id_number: string | null; phone_cipher: string | null; id_number_hash: string | null }>(
        `SELECT phone, id_number, phone_cipher, id_number_hash FROM member WHERE id = $1`,
        [legacy.member],
      );
      expect(row).toMatchObject({ phone: null, id_number: null, phone_cipher: expect.stringMatching(/^v1\./), id_number_hash: expect.any(String) });
      const leader = await keys.token(identityOf(Role.LEADER, '610113'));
      const res = await graphql(endpoint, `query($id: ID!) { member(id: $id) { phone(reveal: true) idNumber(reveal: true) pointBalance grid { code parent { code } } } }`, { id: legacy.member }, leader);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ member: { phone: legacy.phone, idNumber: legacy.idNumber, pointBalance: 1, grid: { code: '610113-U1-01-01', parent: { code: '610113-U1-01' } } } });
    } finally {
      await service.stop();
    }
  });
});
