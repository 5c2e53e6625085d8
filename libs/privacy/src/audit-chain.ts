import { createHmac, timingSafeEqual } from 'node:crypto';

// The audit log is a hash chain (SECURITY.md "Data at rest and audit"): each row carries the hash of
// the row before it and its own, an HMAC-SHA-256 over its content and that previous hash. Keyed, so
// that whoever can write the table (a database administrator, a stolen DATABASE_URL) cannot edit a
// row and recompute the hashes after it: that needs AUDIT_CHAIN_KEY, which only the services hold.

/** Version of the canonical form, hashed with every row: a new form can never collide with this one. */
export const AUDIT_CHAIN_FORMAT = 'pgov.audit.v1';
/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row says: who, did what, to which record's field, why, when, from which request. */
export interface AuditRowContent {
  /** Gap-free position in the chain, as decimal text (bigint in the database). */
  seq: string;
  /** ISO 8601 UTC with milliseconds, as stored (timestamptz(3)). */
  at: string;
  actor: string;
  actorRoles: string[] | null;
  action: string;
  recordType: string;
  recordId: string;
  field: string;
  reason: string | null;
  requestId: string;
  /** Written before the chain existed and sealed afterwards by the start-up pass (audit-backlog.ts). */
  legacy: boolean;
}

export interface AuditRow extends AuditRowContent {
  prevHash: string | null;
  hash: string | null;
}

/**
 * The canonical serialization: a JSON array in a fixed order (JSON.stringify of strings, booleans,
 * null and string arrays is deterministic), the previous hash last. Any change of any column,
 * of the order (seq) or of the link changes the hash.
 */
export function canonicalAuditRow(row: AuditRowContent, prevHash: string): string {
  return JSON.stringify([
    AUDIT_CHAIN_FORMAT,
    row.seq,
    row.at,
    row.actor,
    row.actorRoles,
    row.action,
    row.recordType,
    row.recordId,
    row.field,
    row.reason,
    row.requestId,
    row.legacy,
    prevHash,
  ]);
}

/** HMAC-SHA-256 of the canonical row under the chain key, hex. */
export function auditRowHash(key: Buffer, row: AuditRowContent, prevHash: string): string {
  return createHmac('sha256', key).update(canonicalAuditRow(row, prevHash), 'utf8').digest('hex');
}

/** Whether `row.hash` is the one its content and `prevHash` give (constant time). */
export function auditRowHashMatches(key: Buffer, row: AuditRow, prevHash: string): boolean {
  if (row.hash === null || !/^[0-9a-f]{64}$/.test(row.hash)) return false;
  return timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(auditRowHash(key, row, prevHash), 'hex'));
}

export function nextSeq(seq: string | null): string {
  return seq === null ? '1' : (BigInt(seq) + 1n).toString();
}
