import { Forbidden } from '@pgov/errors';
import type { AuditEntry, AuditLog } from './audit-log';
import { requireRevealReason } from './audit-reason';

/** The action of an audit row written for a personal field shown whole. */
export const REVEAL = 'REVEAL';

/** Who reads which record's field, from which request, and why (required to reveal). */
export type PersonalRead = Omit<AuditEntry, 'action'>;

/**
 * One rule for every personal field (SECURITY.md): masked by default; whole only when asked for with a
 * reason and the caller is entitled, and then written to the audit log with that reason (committed)
 * before the value is returned. Asking without a fit reason is refused (BAD_USER_INPUT on `reason`),
 * whatever the record holds; asking without the right is refused (FORBIDDEN, reason NOT_ENTITLED), not
 * silently masked. The reason is ignored when nothing is revealed.
 */
export async function readPersonal(
  audit: Pick<AuditLog, 'record'>,
  value: string | null,
  options: { reveal: boolean; entitled: boolean; mask: (value: string) => string; read: PersonalRead },
): Promise<string | null> {
  const { read } = options;
  const field = `${read.recordType}.${read.field}`;
  const reason = options.reveal ? requireRevealReason(read.reason, field) : null;
  if (value === null) return null;
  if (!options.reveal) return options.mask(value);
  if (!options.entitled) throw new Forbidden(`${field} is withheld from this caller`, { reason: 'NOT_ENTITLED', field });
  await audit.record({ ...read, reason, action: REVEAL });
  return value;
}
