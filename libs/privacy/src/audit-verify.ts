import { auditRowHashMatches, GENESIS_HASH, nextSeq, type AuditRow } from './audit-chain';
import { AUDIT_ROW_COLUMNS, type AuditSql } from './audit-sql';

/** A row of the chain, by seq and hash (a head recorded earlier, the last row of an archive). */
export interface ChainPoint {
  seq: string;
  hash: string;
}

export interface AuditChainReport {
  /** Rows walked. */
  rows: number;
  /** The last row walked (record it elsewhere: a later run with expectHead proves nothing was cut off the end). */
  head: ChainPoint | null;
  /** The first row where the chain breaks, and how; null when it holds. */
  broken: { seq: string; problem: string } | null;
}

export interface VerifyOptions {
  /** The chain continues an archive whose last row is this (rows up to it were moved out). */
  after?: ChainPoint;
  /** A head recorded by an earlier run: that row must still be there, unchanged. */
  expectHead?: ChainPoint;
  batchSize?: number;
}

/** What is wrong with `row` as the successor of `prev`, or null. Order matters: the most telling first. */
function problemOf(key: Buffer, row: AuditRow, prev: { seq: string | null; hash: string }, chainBegun: boolean): string | null {
  const due = nextSeq(prev.seq);
  if (row.seq !== due) {
    return BigInt(row.seq) > BigInt(due) ? `rows ${due}…${BigInt(row.seq) - 1n} are missing (deleted)` : `seq ${row.seq} where ${due} was due (inserted out of order)`;
  }
  if (row.hash === null || row.prevHash === null) {
    return row.legacy ? 'written before the chain and not sealed yet (start the service once to seal it)' : 'has no hash (written around the chain)';
  }
  if (row.legacy && chainBegun) return 'marked as written before the chain, yet it follows rows the chain appended';
  if (row.prevHash !== prev.hash) {
    return prev.seq === null ? 'prev_hash is not the chain’s beginning' : `prev_hash is not the hash of row ${prev.seq} (a row was deleted, replaced or inserted before it)`;
  }
  if (!auditRowHashMatches(key, row, row.prevHash)) return 'content does not match its hash (edited)';
  return null;
}

/**
 * Walks the audit log in seq order and answers the first row where the chain breaks: a row edited
 * (its hash), deleted (a gap, or the next row's link), inserted or renumbered (the link and the
 * hash cover seq), or unsealed. What no chain can show alone: rows cut off its end; pass a head
 * recorded earlier (expectHead) for that.
 */
export async function verifyAuditChain(sql: AuditSql, key: Buffer, options: VerifyOptions = {}): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 1000;
  let prev: { seq: string | null; hash: string } = options.after ? { ...options.after } : { seq: null, hash: GENESIS_HASH };
  let rows = 0;
  let chainBegun = false;
  const report = (broken: AuditChainReport['broken']): AuditChainReport => ({ rows, head: prev.seq === null ? null : { seq: prev.seq, hash: prev.hash }, broken });

  for (;;) {
    const batch = await sql.$queryRawUnsafe<AuditRow[]>(
      `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      prev.seq ?? '-9223372036854775808',
      batchSize,
    );
    for (const row of batch) {
      const problem = problemOf(key, row, prev, chainBegun);
      if (problem !== null || row.hash === null) {
        const why = problem ?? 'has no hash';
        // The very first hash wrong is also what a wrong key looks like.
        return report({ seq: row.seq, problem: rows === 0 && why.endsWith('(edited)') ? `${why}, or AUDIT_CHAIN_KEY is not the chain's key` : why });
      }
      if (options.expectHead?.seq === row.seq && options.expectHead.hash !== row.hash) {
        return report({ seq: row.seq, problem: 'differs from the head recorded earlier (the chain was rewritten from here)' });
      }
      chainBegun ||= !row.legacy;
      prev = { seq: row.seq, hash: row.hash };
      rows += 1;
    }
    if (batch.length < batchSize) break;
  }
  const expected = options.expectHead;
  if (expected && (prev.seq === null || BigInt(prev.seq) < BigInt(expected.seq))) {
    return report({ seq: expected.seq, problem: `the chain ends at row ${prev.seq ?? 'none'}, before the head recorded earlier (rows were cut off its end)` });
  }
  return report(null);
}
