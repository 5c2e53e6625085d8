import { randomBytes } from 'node:crypto';
import { auditRowHash, canonicalAuditRow, GENESIS_HASH, type AuditRow, type AuditRowContent } from './audit-chain';
import type { AuditSql } from './audit-sql';
import { verifyAuditChain } from './audit-verify';

// The chain's rules on rows in memory; on the real databases (the trigger, concurrency, the
// migration's backlog) in the grids and petitions tests.
const key = randomBytes(32);

function content(seq: number, over: Partial<AuditRowContent> = {}): AuditRowContent {
  return {
    seq: String(seq),
    at: `2026-11-27T08:00:0${seq % 10}.123Z`,
    actor: 'leader-1',
    actorRoles: ['LEADER'],
    action: 'REVEAL',
    recordType: 'Member',
    recordId: `m${seq}`,
    field: 'phone',
    reason: null,
    requestId: `r${seq}`,
    legacy: false,
    ...over,
  };
}

/** n rows chained under `key` (the first `legacy` of them marked legacy). */
function chain(n: number, legacy = 0): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i, { legacy: i <= legacy });
    const hash = auditRowHash(key, c, prev);
    rows.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** The verifier's one query (rows after a seq, in order, a page at a time) over an array. */
function table(rows: AuditRow[]): AuditSql {
  return {
    $queryRawUnsafe: async <T>(_query: string, after: unknown, limit: unknown) =>
      [...rows].sort((a, b) => Number(a.seq) - Number(b.seq)).filter((r) => BigInt(r.seq) > BigInt(String(after))).slice(0, Number(limit)) as T,
    $executeRawUnsafe: async () => 0,
  };
}

describe('audit chain hash', () => {
  it('covers every column, the order and the link, under the key', () => {
    const base = content(7);
    const hash = auditRowHash(key, base, GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(key, { ...base }, GENESIS_HASH)).toBe(hash);
    const changes: Partial<AuditRowContent>[] = [
      { seq: '8' },
      { at: '2026-11-27T08:00:07.124Z' },
      { actor: 'leader-2' },
      { actorRoles: ['LEADER', 'CITY_ADMIN'] },
      { actorRoles: null },
      { action: 'ADJUST_POINTS' },
      { recordType: 'Petition' },
      { recordId: 'm8' },
      { field: 'idNumber' },
      { reason: 'case 17' },
      { requestId: 'r8' },
      { legacy: true },
    ];
    for (const change of changes) expect(auditRowHash(key, { ...base, ...change }, GENESIS_HASH)).not.toBe(hash);
    expect(auditRowHash(key, base, 'f'.repeat(64))).not.toBe(hash);
    expect(auditRowHash(randomBytes(32), base, GENESIS_HASH)).not.toBe(hash);
  });

  it('serializes unambiguously: a value cannot spill into its neighbour', () => {
    const a = canonicalAuditRow(content(1, { recordId: 'a","b', field: 'c' }), GENESIS_HASH);
    const b = canonicalAuditRow(content(1, { recordId: 'a', field: 'b","c' }), GENESIS_HASH);
    expect(a).not.toBe(b);
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain, legacy prefix included, and reports its head', async () => {
    const rows = chain(25, 5);
    const report = await verifyAuditChain(table(rows), key, { batchSize: 10 });
    expect(report).toEqual({ rows: 25, head: { seq: '25', hash: rows[24]!.hash }, broken: null });
    expect(await verifyAuditChain(table([]), key)).toEqual({ rows: 0, head: null, broken: null });
  });

  it('says a wrong key may be why the first row fails', async () => {
    expect((await verifyAuditChain(table(chain(3)), randomBytes(32))).broken).toEqual({
      seq: '1',
      problem: "content does not match its hash (edited), or AUDIT_CHAIN_KEY is not the chain's key",
    });
  });

  it('names an edited row', async () => {
    const rows = chain(10);
    rows[6] = { ...rows[6]!, field: 'idNumber' };
    expect((await verifyAuditChain(table(rows), key, { batchSize: 4 })).broken).toEqual({ seq: '7', problem: 'content does not match its hash (edited)' });
  });

  it('names the row after a deleted one, also when the rows after it were renumbered', async () => {
    const rows = chain(10);
    expect((await verifyAuditChain(table(rows.filter((r) => r.seq !== '4')), key)).broken).toEqual({ seq: '5', problem: 'rows 4…4 are missing (deleted)' });
    const renumbered = rows.filter((r) => r.seq !== '4').map((r) => (Number(r.seq) > 4 ? { ...r, seq: String(Number(r.seq) - 1) } : r));
    expect((await verifyAuditChain(table(renumbered), key)).broken).toEqual({ seq: '4', problem: expect.stringMatching(/^prev_hash is not the hash of row 3/) });
  });

  it('names a row slipped in, hashed without the key or unsealed', async () => {
    const rows = chain(5);
    const forged = content(6);
    expect((await verifyAuditChain(table([...rows, { ...forged, prevHash: rows[4]!.hash, hash: auditRowHash(randomBytes(32), forged, rows[4]!.hash!) }]), key)).broken).toEqual({
      seq: '6',
      problem: 'content does not match its hash (edited)',
    });
    expect((await verifyAuditChain(table([...rows, { ...forged, prevHash: null, hash: null }]), key)).broken).toEqual({ seq: '6', problem: 'has no hash (written around the chain)' });
    expect((await verifyAuditChain(table([{ ...content(0), prevHash: GENESIS_HASH, hash: auditRowHash(key, content(0), GENESIS_HASH) }, ...rows]), key)).broken).toEqual({
      seq: '0',
      problem: 'seq 0 where 1 was due (inserted out of order)',
    });
  });

  it('refuses a legacy row after rows the chain appended', async () => {
    const rows = chain(3);
    const late = content(4, { legacy: true });
    rows.push({ ...late, prevHash: rows[2]!.hash, hash: auditRowHash(key, late, rows[2]!.hash!) });
    expect((await verifyAuditChain(table(rows), key)).broken?.problem).toMatch(/follows rows the chain appended/);
  });

  it('sees rows cut off the end against a head recorded earlier, and a chain continuing an archive', async () => {
    const rows = chain(10);
    const head = { seq: '10', hash: rows[9]!.hash! };
    expect((await verifyAuditChain(table(rows), key, { expectHead: head })).broken).toBeNull();
    expect((await verifyAuditChain(table(rows.slice(0, 8)), key)).broken).toBeNull();
    expect((await verifyAuditChain(table(rows.slice(0, 8)), key, { expectHead: head })).broken).toEqual({ seq: '10', problem: expect.stringMatching(/cut off its end/) });
    const archived = { seq: '4', hash: rows[3]!.hash! };
    expect(await verifyAuditChain(table(rows.slice(4)), key, { after: archived })).toMatchObject({ rows: 6, broken: null });
    expect((await verifyAuditChain(table(rows.slice(4)), key)).broken).toEqual({ seq: '5', problem: 'rows 1…4 are missing (deleted)' });
  });
});
