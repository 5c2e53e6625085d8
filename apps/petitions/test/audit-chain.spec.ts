import { Role } from '@pgov/auth';
import { auditSqlOfPg, verifyAuditChain } from '@pgov/privacy';
import { auditRows, identityOf, personalDataTestEnv, runAuditVerifier, tamperWithAuditLog, withPg } from '@pgov/testing';
import { DB, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// The petitions service's audit log on the real database: one hash chain over concurrent reveals
// of petitioners' data, each row saying who read which field of which petition, when and from
// which request; append-only in the database (its own migration's trigger); the verifier naming
// the row an owner's hand changed or removed.
const clerk = identityOf(Role.CLERK, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');
const REVEAL = `query($id: ID!) { petition(id: $id) { petitionerName(reveal: true, reason: "办理信访件核对身份") petitionerIdNumber(reveal: true, reason: "办理信访件核对身份") petitionerPhone(reveal: true, reason: "办理信访件核对身份") } }`;

let h: PetitionsHarness;
const petitionIds: string[] = [];
const verify = () => withPg(DB, (c) => verifyAuditChain(auditSqlOfPg(c), h.config.AUDIT_CHAIN_KEY.bytes()));
const verifier = () => runAuditVerifier('petitions', DB, personalDataTestEnv(h.keys).AUDIT_CHAIN_KEY!);

beforeAll(async () => {
  h = await startPetitionsHarness();
  for (let i = 0; i < 3; i++) petitionIds.push((await h.receiveOk(clerk)).id);
});

afterAll(async () => {
  await h?.stop();
});

describe('the petitions audit log', () => {
  it('chains concurrent reveals without a fork or a gap, each saying who, what, when and from which request', async () => {
    const started = new Date();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => h.as(procurator, REVEAL, { id: petitionIds[i % petitionIds.length] })));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const rows = await auditRows(DB);
    expect(rows).toHaveLength(25 * 3);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ seq: String(i + 1), prev_hash: i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash, actor: procurator.subject, actor_roles: ['PROCURATOR'], action: 'REVEAL', record_type: 'Petition', reason: '办理信访件核对身份', legacy: false });
      expect(petitionIds).toContain(row.record_id);
      expect(['petitionerName', 'petitionerIdNumber', 'petitionerPhone']).toContain(row.field);
      expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 5);
    });
    // One request, one request id for its three fields.
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(25);
    expect(await verify()).toMatchObject({ rows: 75, broken: null });
  });

  it('refuses a reveal without a reason or with an unfit one (BAD_USER_INPUT on reason), writing nothing', async () => {
    const before = await auditRows(DB);
    for (const args of ['reveal: true', 'reveal: true, reason: ""', 'reveal: true, reason: "回访\\u0007"']) {
      const res = await h.as(procurator, `query($id: ID!) { petition(id: $id) { petitionerName(${args}) petitionerPhone(${args}) } }`, { id: petitionIds[0] });
      expect(res.data).toEqual({ petition: { petitionerName: null, petitionerPhone: null } });
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'reason'],
        ['BAD_USER_INPUT', 'reason'],
      ]);
    }
    expect(await auditRows(DB)).toEqual(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    const attempt = (sql: string) => withPg(DB, (c) => c.query(sql));
    await expect(attempt(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(attempt(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow('audit_log is append-only: DELETE refused');
    await expect(attempt(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
  });

  it('gives away an edited row, an edited reason and a deleted row by their seq (verifier exit code 1)', async () => {
    expect((await verifier()).code).toBe(0);
    const original = (await auditRows(DB)).find((row) => row.seq === '40')!;
    await tamperWithAuditLog(DB, `UPDATE audit_log SET field = 'petitionerAddress' WHERE seq = 40`);
    const edited = await verifier();
    expect(edited).toEqual({ code: 1, output: expect.stringMatching(/audit chain petitions: BROKEN at seq 40: content does not match its hash \(edited\)$/) });
    await tamperWithAuditLog(DB, `UPDATE audit_log SET field = $1 WHERE seq = 40`, [original.field]);
    expect((await verifier()).code).toBe(0);
    // Why it was read is covered by the hash like the rest.
    await tamperWithAuditLog(DB, `UPDATE audit_log SET reason = '例行抽查' WHERE seq = 41`);
    expect(await verifier()).toEqual({ code: 1, output: expect.stringMatching(/audit chain petitions: BROKEN at seq 41: content does not match its hash \(edited\)$/) });
    await tamperWithAuditLog(DB, `DELETE FROM audit_log WHERE seq = 12`);
    expect((await verifier()).output).toMatch(/audit chain petitions: BROKEN at seq 13: rows 12…12 are missing \(deleted\)$/);
  });
});
