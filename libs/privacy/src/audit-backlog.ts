import { auditRowHash, GENESIS_HASH, nextSeq, type AuditRow } from './audit-chain';
import { AUDIT_ROW_COLUMNS, CHAIN_LOCK, type AuditDb, type AuditSql } from './audit-sql';

// Rows written before the chain existed (marked legacy and numbered in the order they were written
// by the migration that introduced the chain) cannot be hashed in SQL: the key is not in the
// database. The service seals them at start, before it takes requests, in batches.

export interface AuditBacklogResult {
  /** Rows chained by this pass. */
  sealed: number;
  /** Why unsealed rows were left alone (they are not a backlog: the verifier will name them), or null. */
  refused: string | null;
}

/**
 * Seals the backlog: only a run of legacy rows that directly follows the chain's sealed legacy
 * prefix. An unsealed row after a row the chain appended is never sealed here, or this pass would
 * lend its key to whoever slipped that row in. Replicas may run it at once (the chain's lock).
 */
export async function sealAuditBacklog(db: AuditDb, key: Buffer, batchSize = 500): Promise<AuditBacklogResult> {
  let sealed = 0;
  for (;;) {
    const step = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(CHAIN_LOCK);
      return sealBatch(tx, key, batchSize);
    });
    sealed += step.sealed;
    if (step.refused !== null || step.sealed === 0) return { sealed, refused: step.refused };
  }
}

async function sealBatch(tx: AuditSql, key: Buffer, batchSize: number): Promise<AuditBacklogResult> {
  // The partial index audit_log_unsealed_idx makes this free once everything is sealed.
  const [first] = await tx.$queryRawUnsafe<{ seq: string }[]>(`SELECT seq::text AS seq FROM audit_log WHERE hash IS NULL ORDER BY audit_log.seq LIMIT 1`);
  if (!first) return { sealed: 0, refused: null };
  const [before] = await tx.$queryRawUnsafe<AuditRow[]>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE audit_log.seq < $1::bigint ORDER BY audit_log.seq DESC LIMIT 1`, first.seq);
  if (before && (!before.legacy || nextSeq(before.seq) !== first.seq)) {
    return { sealed: 0, refused: `row ${first.seq} has no hash but follows row ${before.seq}${before.legacy ? ' with a gap' : ', which the chain appended'}` };
  }
  if (!before && first.seq !== '1') return { sealed: 0, refused: `row ${first.seq} has no hash and the chain has no row before it` };

  const rows = await tx.$queryRawUnsafe<AuditRow[]>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE audit_log.seq >= $1::bigint ORDER BY audit_log.seq LIMIT $2`, first.seq, batchSize);
  const seqs: string[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  let prev = { seq: before?.seq ?? null, hash: before?.hash ?? GENESIS_HASH };
  for (const row of rows) {
    if (!row.legacy || row.hash !== null || row.seq !== nextSeq(prev.seq)) break;
    const hash = auditRowHash(key, row, prev.hash);
    seqs.push(row.seq);
    prevHashes.push(prev.hash);
    hashes.push(hash);
    prev = { seq: row.seq, hash };
  }
  if (seqs.length === 0) return { sealed: 0, refused: `row ${first.seq} has no hash and was not written before the chain` };
  // The append-only trigger lets exactly this through: a legacy row's hashes set once, nothing else.
  const updated = await tx.$executeRawUnsafe(
    `UPDATE audit_log AS a SET prev_hash = s.prev_hash, hash = s.hash
       FROM unnest($1::text[]::bigint[], $2::text[], $3::text[]) AS s(seq, prev_hash, hash)
      WHERE a.seq = s.seq AND a.hash IS NULL AND a.legacy`,
    seqs,
    prevHashes,
    hashes,
  );
  if (updated !== seqs.length) throw new Error(`audit backlog: sealed ${updated} of ${seqs.length} rows under the chain lock`);
  return { sealed: seqs.length, refused: null };
}

/** What the start-up pass reports to: a pino logger fits. */
interface StartLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The service's start-up step, before it takes requests: seal the backlog and say what happened. */
export async function sealAuditBacklogAtStart(audit: { sealBacklog(): Promise<AuditBacklogResult> }, logger: StartLogger): Promise<AuditBacklogResult> {
  const result = await audit.sealBacklog();
  if (result.sealed > 0) logger.info({ sealed: result.sealed }, 'audit rows written before the hash chain were sealed into it');
  // Not fatal: the log still takes rows after a sealed one; the verifier names the broken row.
  if (result.refused) logger.error({ problem: result.refused }, 'the audit log has unsealed rows that are not a backlog: run tools/verify-audit.ts');
  return result;
}
