import { randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { auditSqlOfPg, verifyAuditChain } from '@pgov/privacy';
import { auditRows, createTestKeys, deleteNamespace, graphql, identityOf, serviceTestEnv, testNamespace, upgradeDatabase, withPg } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createGridsService } from '../src/service';

// `migrate deploy` on the previous release's database (SERVICE-DONE): the first release's schema
// with rows in it, then every migration since, then the service starting on it. A fresh database
// per run, dropped afterwards; the migrations are the committed ones.
const FIRST_RELEASE = '20261125000000_init';
const upgrade = upgradeDatabase('grids');
const { url, sql } = upgrade;
const namespace = testNamespace();

const legacy = { street: randomUUID(), community: randomUUID(), member: randomUUID(), phone: '13700001111', idNumber: '11010519491231002X' };

beforeAll(async () => {
  await upgrade.create();
});

afterAll(async () => {
  await upgrade.drop();
  await deleteNamespace(namespace);
});

describe('upgrading the previous release’s grids database', () => {
  it('applies every later migration over rows of the first release', async () => {
    await upgrade.deploy([FIRST_RELEASE]);
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

    // Its audit log: two reveals and a manual adjustment, in the order written (ids), not by time.
    const audit = `INSERT INTO audit_log (actor, actor_roles, record_type, record_id, field, request_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    await sql(audit, ['leader-old', ['LEADER'], 'Member', legacy.member, 'phone', 'req-old-1', '2026-01-02T03:04:05.678Z']);
    await sql(audit, ['admin-old', ['CITY_ADMIN'], 'PointsEntry', randomUUID(), 'adjustment', 'req-old-2', '2026-01-02T03:04:05.001Z']);
    await sql(audit, ['leader-old', ['LEADER'], 'Member', legacy.member, 'idNumber', 'req-old-3', '2026-01-03T00:00:00.000Z']);

    await upgrade.deploy(upgrade.migrations());

    expect(await sql(`SELECT district_code FROM community WHERE id = $1`, [legacy.community])).toEqual([{ district_code: '610113' }]);
    expect(await sql(`SELECT code, level FROM unit_code ORDER BY code`)).toEqual([
      { code: '610113-U1', level: 'STREET' },
      { code: '610113-U1-01', level: 'COMMUNITY' },
      { code: '610113-U1-01-01', level: 'GRID' },
    ]);
    expect(await sql(`SELECT points, reason FROM points_entry WHERE member_id = $1`, [legacy.member])).toEqual([{ points: 1, reason: 'CLUE_REPORTED' }]);
    // The audit rows numbered in the order written, marked as older than the chain, left for the service to seal.
    expect((await auditRows(url)).map(({ seq, action, request_id, legacy: old, hash }) => ({ seq, action, request_id, old, hash }))).toEqual([
      { seq: '1', action: 'REVEAL', request_id: 'req-old-1', old: true, hash: null },
      { seq: '2', action: 'ADJUST_POINTS', request_id: 'req-old-2', old: true, hash: null },
      { seq: '3', action: 'REVEAL', request_id: 'req-old-3', old: true, hash: null },
    ]);
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
      const res = await graphql(endpoint, `query($id: ID!) { member(id: $id) { phone(reveal: true, reason: "升级后核对") idNumber(reveal: true, reason: "升级后核对") pointBalance grid { code parent { code } } } }`, { id: legacy.member }, leader);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ member: { phone: legacy.phone, idNumber: legacy.idNumber, pointBalance: 1, grid: { code: '610113-U1-01-01', parent: { code: '610113-U1-01' } } } });
      // The old audit rows were sealed at start, the two reads chained after them: one chain over everything.
      const audit = await auditRows(url);
      expect(audit.map((r) => [r.seq, r.legacy, r.field])).toEqual([
        ['1', true, 'phone'],
        ['2', true, 'adjustment'],
        ['3', true, 'idNumber'],
        ['4', false, 'phone'],
        ['5', false, 'idNumber'],
      ]);
      expect(audit[0]!.prev_hash).toBe('0'.repeat(64));
      expect(audit[3]!.prev_hash).toBe(audit[2]!.hash);
      expect(await withPg(url, (c) => verifyAuditChain(auditSqlOfPg(c), config.AUDIT_CHAIN_KEY.bytes()))).toMatchObject({ rows: 5, broken: null });
    } finally {
      await service.stop();
    }
  });
});
