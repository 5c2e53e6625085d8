import { Forbidden } from '@pgov/errors';

/** What the audit needs of a database: a Prisma client (or its transaction client) fits. */
export interface AuditSql {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

export interface PersonalRead {
  actor: { subject: string; roles: readonly string[] };
  recordType: string;
  recordId: string;
  field: string;
  requestId: string;
}

/**
 * One rule for every personal field (SECURITY.md): masked by default; whole only when asked for
 * and the caller is entitled, and then written to the audit log before the value is returned.
 * Asking without the right is refused (FORBIDDEN, reason NOT_ENTITLED), not silently masked.
 */
export async function readPersonal(
  db: AuditSql,
  value: string | null,
  options: { reveal: boolean; entitled: boolean; mask: (value: string) => string; read: PersonalRead },
): Promise<string | null> {
  if (value === null) return null;
  if (!options.reveal) return options.mask(value);
  const { read } = options;
  const field = `${read.recordType}.${read.field}`;
  if (!options.entitled) throw new Forbidden(`${field} is withheld from this caller`, { reason: 'NOT_ENTITLED', field });
  await db.$executeRawUnsafe(
    `INSERT INTO audit_log (actor, actor_roles, record_type, record_id, field, request_id) VALUES ($1, $2::text[], $3, $4, $5, $6)`,
    read.actor.subject,
    [...read.actor.roles],
    read.recordType,
    read.recordId,
    read.field,
    read.requestId,
  );
  return value;
}
