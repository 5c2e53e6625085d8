import { Role } from '@pgov/auth';
import { verifyAuditChain, auditSqlOfPg } from '@pgov/privacy';
import { auditRows, identityOf, personalDataTestEnv, runAuditVerifier, tamperWithAuditLog, withPg, type StoredAuditRow } from '@pgov/testing';
import { DB, person, startMemberHarness, type MemberHarness } from './member-harness';

// The audit log on the real database: one hash chain however many requests audit at once, every
// reveal saying who read which field of which record, when, from which request; append-only in
// the database; the verifier naming the row an owner's hand changed or removed.

let h: MemberHarness;
const admin = identityOf(Role.CITY_ADMIN, '610100');
const leader = identityOf(Role.LEADER, '610113');
const clerk = identityOf(Role.CLERK, '610113');
const memberIds: string[] = [];

const REVEAL = `query($id: ID!) { member(id: $id) { phone(reveal: true, reason: "核查举报线索 2026-17") idNumber(reveal: true, reason: "核查举报线索 2026-17") } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }`;

const chainKey = () => personalDataTestEnv(h.keys).AUDIT_CHAIN_KEY!;
const verify = () => withPg(DB, (c) => verifyAuditChain(auditSqlOfPg(c), h.config.AUDIT_CHAIN_KEY.bytes()));

/** Every row links to the one before it and the seqs run 1, 2, 3… */
function expectOneChain(rows: StoredAuditRow[]) {
  rows.forEach((row, i) => {
    expect(row.seq).toBe(String(i + 1));
    expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
  });
  expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
}

beforeAll(async () => {
  h = await startMemberHarness();
  for (const name of ['链一', '链二', '链三']) {
    const res = await h.as<{ registerMember: { id: string } }>(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, { input: person(name) });
    memberIds.push(res.data!.registerMember.id);
  }
});

afterAll(async () => {
  await h?.stop();
});

describe('the audit log as a hash chain', () => {
  it('chains concurrent audited requests without a fork or a gap', async () => {
    const before = (await auditRows(DB)).length;
    const reveals = Array.from({ length: 30 }, (_, i) => h.as(leader, REVEAL, { id: memberIds[i % memberIds.length] }));
    const adjustments = Array.from({ length: 10 }, (_, i) => h.as(admin, ADJUST, { input: { memberId: memberIds[i % memberIds.length], points: 1, reason: `并发调整 ${i}` } }));
    const direct = Array.from({ length: 60 }, (_, i) =>
      h.service.deps.audit.record({ actor: leader, action: 'REVEAL', recordType: 'Member', recordId: memberIds[0]!, field: 'phone', requestId: `direct-${i}` }),
    );
    const answers = await Promise.all([...reveals, ...adjustments]);
    await Promise.all(direct);
    for (const answer of answers) expect(answer.errors).toBeUndefined();

    const rows = await auditRows(DB);
    expect(rows).toHaveLength(before + 30 * 2 + 10 + 60);
    expectOneChain(rows);
    expect(await verify()).toMatchObject({ rows: rows.length, broken: null, head: { seq: String(rows.length), hash: rows.at(-1)!.hash } });
  });

  it('says who read which field of which record, when, from which request, and why', async () => {
    const before = (await auditRows(DB)).length;
    const started = new Date();
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'audit-who-what-when', authorization: `Bearer ${await h.keys.token(leader)}` },
      body: JSON.stringify({ query: `query($id: ID!) { member(id: $id) { idNumber(reveal: true, reason: "核查举报线索 2026-17") } }`, variables: { id: memberIds[1] } }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    const adjusted = await h.as<{ adjustPoints: { id: string } }>(admin, ADJUST, { input: { memberId: memberIds[1], points: 3, reason: '年度优秀信息员' } });
    const finished = new Date();

    const rows = (await auditRows(DB)).slice(before);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: leader.subject,
        actor_roles: ['LEADER'],
        action: 'REVEAL',
        record_type: 'Member',
        record_id: memberIds[1],
        field: 'idNumber',
        reason: '核查举报线索 2026-17',
        request_id: 'audit-who-what-when',
        legacy: false,
      }),
      expect.objectContaining({
        actor: admin.subject,
        actor_roles: ['CITY_ADMIN'],
        action: 'ADJUST_POINTS',
        record_type: 'PointsEntry',
        record_id: adjusted.data!.adjustPoints.id,
        field: 'adjustment',
        reason: '年度优秀信息员',
      }),
    ]);
    for (const row of rows) {
      // The database's clock and this process's are the same machine's: allow for rounding only.
      expect(row.at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 5);
      expect(row.at.getTime()).toBeLessThanOrEqual(finished.getTime() + 5);
    }
  });

  it('refuses a reveal without a fit reason (BAD_USER_INPUT on reason), writing nothing', async () => {
    const before = await auditRows(DB);
    const reveal = (args: string) => h.as(leader, `query($id: ID!) { member(id: $id) { phone(${args}) idNumber(${args}) } }`, { id: memberIds[2] });
    const refusals: Array<[string, string | RegExp]> = [
      ['reveal: true', /^required to reveal Member\.(phone|idNumber): say why it is read whole$/],
      ['reveal: true, reason: null', /^required to reveal Member\.(phone|idNumber)/],
      ['reveal: true, reason: "   "', 'must not be empty'],
      ['reveal: true, reason: "核查\\n例行"', 'must not contain control characters'],
      [`reveal: true, reason: "${'长'.repeat(501)}"`, 'must be at most 500 characters'],
    ];
    for (const [args, reason] of refusals) {
      const res = await reveal(args);
      expect(res.data).toEqual({ member: { phone: null, idNumber: null } });
      expect(res.errors).toHaveLength(2);
      for (const error of res.errors ?? []) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', reason: expect.stringMatching(reason) });
    }
    expect(await auditRows(DB)).toEqual(before);
  });

  it('writes nothing for a masked read or a refused reveal', async () => {
    const before = (await auditRows(DB)).length;
    expect((await h.as(leader, `query($id: ID!) { member(id: $id) { phone idNumber } }`, { id: memberIds[2] })).errors).toBeUndefined();
    expect((await h.as(clerk, REVEAL, { id: memberIds[2] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await auditRows(DB)).toHaveLength(before);
  });
});

describe('append-only in the database', () => {
  it('refuses UPDATE, DELETE, TRUNCATE and an unchained INSERT, even to the service’s own role (the table owner)', async () => {
    const [first] = await auditRows(DB);
    const attempt = (sql: string) => withPg(DB, (c) => c.query(sql));
    await expect(attempt(`UPDATE audit_log SET field = 'name' WHERE seq = ${first!.seq}`)).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(attempt(`UPDATE audit_log SET hash = repeat('0', 64) WHERE seq = ${first!.seq}`)).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(attempt(`DELETE FROM audit_log WHERE seq = ${first!.seq}`)).rejects.toThrow('audit_log is append-only: DELETE refused');
    await expect(attempt(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
    await expect(attempt(`INSERT INTO audit_log (seq, actor, action, record_type, record_id, field, request_id) VALUES (999999, 'x', 'REVEAL', 'Member', 'm', 'phone', 'r')`)).rejects.toThrow(
      'audit_log rows are appended chained',
    );
    expect(await auditRows(DB)).toContainEqual(first);
  });
});

describe('the start-up pass', () => {
  it('seals only rows older than the chain: one slipped in after chained rows stays unsealed, blocks appending and is named', async () => {
    const rows = await auditRows(DB);
    const slipped = String(rows.length + 1);
    await tamperWithAuditLog(
      DB,
      `INSERT INTO audit_log (seq, actor, actor_roles, action, record_type, record_id, field, request_id, legacy) VALUES ($1, 'intruder', '{LEADER}', 'REVEAL', 'Member', $2, 'phone', 'forged', true)`,
      [slipped, memberIds[0]],
    );
    try {
      expect(await h.service.deps.audit.sealBacklog()).toEqual({ sealed: 0, refused: `row ${slipped} has no hash but follows row ${rows.length}, which the chain appended` });
      // Sealing it by hand, content changed on the way, is refused too; the pass's own update (hashes only) would not be.
      await expect(withPg(DB, (c) => c.query(`UPDATE audit_log SET prev_hash = 'x', hash = 'y', actor = 'someone' WHERE seq = $1`, [slipped]))).rejects.toThrow('append-only: UPDATE refused');
      expect((await h.as(leader, REVEAL, { id: memberIds[0] })).errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await verify()).broken).toEqual({ seq: slipped, problem: 'written before the chain and not sealed yet (start the service once to seal it)' });
    } finally {
      await tamperWithAuditLog(DB, `DELETE FROM audit_log WHERE seq = $1`, [slipped]);
    }
    expect((await verify()).broken).toBeNull();
  });
});

describe('the verifier', () => {
  it('names an edited row by its seq, and exits 1', async () => {
    const rows = await auditRows(DB);
    const victim = rows[Math.floor(rows.length / 2)]!;
    await tamperWithAuditLog(DB, `UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1`, [victim.seq]);
    try {
      expect((await verify()).broken).toEqual({ seq: victim.seq, problem: 'content does not match its hash (edited)' });
      const tool = await runAuditVerifier('grids', DB, chainKey());
      expect(tool.code).toBe(1);
      expect(tool.output.split('\n').at(-1)).toBe(`audit chain grids: BROKEN at seq ${victim.seq}: content does not match its hash (edited)`);
    } finally {
      await tamperWithAuditLog(DB, `UPDATE audit_log SET actor = $2 WHERE seq = $1`, [victim.seq, victim.actor]);
    }
    expect((await verify()).broken).toBeNull();
  });

  it('names a row whose reason was edited, removed or added (the hash covers it); rows written without one still hold', async () => {
    const rows = await auditRows(DB);
    const withReason = rows.find((r) => r.action === 'REVEAL' && r.reason !== null)!;
    const withoutReason = rows.find((r) => r.reason === null)!;
    expect(withReason).toBeDefined();
    expect(withoutReason).toBeDefined();
    expect((await runAuditVerifier('grids', DB, chainKey())).code).toBe(0);
    const edits: Array<[StoredAuditRow, string | null]> = [
      [withReason, '例行检查'],
      [withReason, null],
      [withoutReason, '事后补写的理由'],
    ];
    for (const [victim, reason] of edits) {
      await tamperWithAuditLog(DB, `UPDATE audit_log SET reason = $2 WHERE seq = $1`, [victim.seq, reason]);
      try {
        const tool = await runAuditVerifier('grids', DB, chainKey());
        expect(tool.code).toBe(1);
        // (Row 1 adds: "or AUDIT_CHAIN_KEY is not the chain's key".)
        expect(tool.output.split('\n').at(-1)).toContain(`audit chain grids: BROKEN at seq ${victim.seq}: content does not match its hash (edited)`);
      } finally {
        await tamperWithAuditLog(DB, `UPDATE audit_log SET reason = $2 WHERE seq = $1`, [victim.seq, victim.reason]);
      }
    }
    expect((await verify()).broken).toBeNull();
  });

  it('sees rows cut off the end against a recorded head, names the row after a deleted one, and a renumbering', async () => {
    const rows = await auditRows(DB);
    const ok = await runAuditVerifier('grids', DB, chainKey());
    expect(ok.code).toBe(0);
    const head = `${rows.at(-1)!.seq}:${rows.at(-1)!.hash}`;
    expect(ok.output.split('\n').at(-1)).toBe(`audit chain grids: ok, ${rows.length} rows, head ${head}`);

    // The last row cut off: the rest still holds, except against the head recorded before.
    await tamperWithAuditLog(DB, `DELETE FROM audit_log WHERE seq = $1`, [rows.at(-1)!.seq]);
    expect((await runAuditVerifier('grids', DB, chainKey())).code).toBe(0);
    const cut = await runAuditVerifier('grids', DB, chainKey(), ['--expect-head', head]);
    expect(cut.code).toBe(1);
    expect(cut.output.split('\n').at(-1)).toBe(`audit chain grids: BROKEN at seq ${rows.at(-1)!.seq}: the chain ends at row ${rows.at(-2)!.seq}, before the head recorded earlier (rows were cut off its end)`);

    const victim = rows[5]!;
    await tamperWithAuditLog(DB, `DELETE FROM audit_log WHERE seq = $1`, [victim.seq]);
    const deleted = await runAuditVerifier('grids', DB, chainKey());
    expect(deleted.code).toBe(1);
    expect(deleted.output.split('\n').at(-1)).toBe(`audit chain grids: BROKEN at seq ${Number(victim.seq) + 1}: rows ${victim.seq}…${victim.seq} are missing (deleted)`);

    // Renumbering the rows after it to close the gap breaks the link (and each hash, which covers seq).
    await tamperWithAuditLog(DB, `UPDATE audit_log SET seq = -seq WHERE seq > $1`, [victim.seq]);
    await tamperWithAuditLog(DB, `UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0`);
    expect((await verify()).broken).toEqual({ seq: victim.seq, problem: `prev_hash is not the hash of row ${rows[4]!.seq} (a row was deleted, replaced or inserted before it)` });
  });
});
