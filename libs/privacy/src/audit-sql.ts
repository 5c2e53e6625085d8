// The SQL the audit chain shares: what it needs of a database client, and how a row is read back
// exactly as it was hashed (seq as text, the time as ISO text computed by PostgreSQL).

/** A Prisma client or transaction client fits; so does a pg Client behind auditSqlOfPg. */
export interface AuditSql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** A client that opens transactions (Prisma's interactive $transaction). */
export interface AuditDb<Tx extends AuditSql = AuditSql> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>): PromiseLike<R>;
}

/** timestamptz(3) as the ISO text JavaScript writes (2026-11-26T08:00:00.123Z). */
export const isoUtc = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The columns of an AuditRow, named as its properties. seq comes out as text: order by audit_log.seq, never by seq. */
export const AUDIT_ROW_COLUMNS = `seq::text AS seq, ${isoUtc('at')} AS at, actor, actor_roles AS "actorRoles", action,
  record_type AS "recordType", record_id AS "recordId", field, reason, request_id AS "requestId", legacy,
  prev_hash AS "prevHash", hash`;

/**
 * One chain per database schema; appending and sealing hold this transaction-scoped lock so two
 * transactions never link to the same predecessor.
 */
export const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtext('pgov.audit-chain:' || current_schema()))`;

/** A pg Client (or Pool) as AuditSql: for tools that have no Prisma client of the service. */
export function auditSqlOfPg(client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> }): AuditSql {
  return {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await client.query(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await client.query(query, values)).rowCount ?? 0,
  };
}
