import { auditRowHash, GENESIS_HASH, nextSeq, type AuditRowContent } from './audit-chain';
import { sealAuditBacklog, type AuditBacklogResult } from './audit-backlog';
import { CHAIN_LOCK, isoUtc, type AuditDb, type AuditSql } from './audit-sql';
import { groupCommit } from './group-commit';
import type { SecretKey } from './secret-key';

/** Who did what to which record's field, why, from which request (the time is the database's). */
export interface AuditEntry {
  actor: { subject: string; roles: readonly string[] };
  /** What was done, e.g. REVEAL (a personal field shown whole); the service names its own actions. */
  action: string;
  recordType: string;
  recordId: string;
  field: string;
  /** Why, when the caller gave a reason. */
  reason?: string | null;
  requestId: string;
}

/** The audit log refuses to grow: its last row is not sealed (see the message). */
export class AuditChainError extends Error {
  override readonly name = 'AuditChainError';
}

export interface AuditLog {
  /**
   * Appends in the caller's transaction. It takes the chain's lock, held until that transaction
   * ends: make it the transaction's last statement, so other audited work waits only for the commit.
   */
  append(tx: AuditSql, entry: AuditEntry): Promise<{ seq: string; hash: string }>;
  /**
   * Appends in a transaction of its own, shared with what other requests of this process record
   * meanwhile (a read that reveals personal data); resolves once committed.
   */
  record(entry: AuditEntry): Promise<{ seq: string; hash: string }>;
  /** Start-up: chains the rows a release before the chain wrote (audit-backlog.ts). */
  sealBacklog(batchSize?: number): Promise<AuditBacklogResult>;
}

/** The last row and the time of the new ones, read after the lock is granted (a fresh snapshot). */
const HEAD = `SELECT last.seq::text AS seq, last.hash, ${isoUtc(`date_trunc('milliseconds', clock_timestamp())`)} AS at
  FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last ON true`;

const COLUMNS = ['seq', 'at', 'actor', 'actor_roles', 'action', 'record_type', 'record_id', 'field', 'reason', 'request_id', 'prev_hash', 'hash'];
const CASTS: Record<string, string> = { seq: '::bigint', at: '::timestamptz', actor_roles: '::text[]' };

/** One INSERT of `count` rows (12 parameters each). */
function insertStatement(count: number): string {
  const rows = Array.from({ length: count }, (_, r) => `(${COLUMNS.map((c, i) => `$${r * COLUMNS.length + i + 1}${CASTS[c] ?? ''}`).join(', ')}, false)`);
  return `INSERT INTO audit_log (${COLUMNS.join(', ')}, legacy) VALUES ${rows.join(', ')}`;
}

/** The audit log of one service's database: one hash chain, appended under a lock (CHAIN_LOCK). */
export function createAuditLog(db: AuditDb, chainKey: SecretKey): AuditLog {
  const key = chainKey.bytes();

  /** Appends `entries` in order, after the chain's last row, in the caller's transaction. */
  async function appendAll(tx: AuditSql, entries: AuditEntry[]): Promise<{ seq: string; hash: string }[]> {
    await tx.$executeRawUnsafe(CHAIN_LOCK);
    const [head = { seq: null, hash: null, at: '' }] = await tx.$queryRawUnsafe<{ seq: string | null; hash: string | null; at: string }[]>(HEAD);
    if (head.seq !== null && head.hash === null) {
      // Rows before the chain are sealed at start; an unsealed last row means someone wrote around it.
      throw new AuditChainError(`the audit log's last row (seq ${head.seq}) has no hash: run the audit chain verifier`);
    }
    let prev = { seq: head.seq, hash: head.hash ?? GENESIS_HASH };
    const values: unknown[] = [];
    const appended: { seq: string; hash: string }[] = [];
    for (const entry of entries) {
      const row: AuditRowContent = {
        seq: nextSeq(prev.seq),
        at: head.at,
        actor: entry.actor.subject,
        actorRoles: [...entry.actor.roles],
        action: entry.action,
        recordType: entry.recordType,
        recordId: entry.recordId,
        field: entry.field,
        reason: entry.reason ?? null,
        requestId: entry.requestId,
        legacy: false,
      };
      const hash = auditRowHash(key, row, prev.hash);
      values.push(row.seq, row.at, row.actor, row.actorRoles, row.action, row.recordType, row.recordId, row.field, row.reason, row.requestId, prev.hash, hash);
      appended.push({ seq: row.seq, hash });
      prev = { seq: row.seq, hash };
    }
    await tx.$executeRawUnsafe(insertStatement(entries.length), ...values);
    return appended;
  }

  // Reveals from concurrent requests share a transaction (one lock, one commit): see group-commit.ts.
  const record = groupCommit((entries: AuditEntry[]) => Promise.resolve(db.$transaction((tx) => appendAll(tx, entries))));

  return {
    append: async (tx, entry) => {
      const [appended] = await appendAll(tx, [entry]);
      if (!appended) throw new AuditChainError('the audit row was not appended');
      return appended;
    },
    record,
    sealBacklog: (batchSize) => sealAuditBacklog(db, key, batchSize),
  };
}
