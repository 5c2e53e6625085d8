import { Forbidden } from '@pgov/errors';
import type { AuditEntry, AuditLog } from './audit-log';

/** The action of an audit row written for a personal field shown whole. */
export const REVEAL = 'REVEAL';

/** Who reads which record's field, from which request, and why when the caller said so. */
export type PersonalRead = Omit<AuditEntry, 'action'>;

/**
 * One rule for every personal field (SECURITY.md): masked by default; whole only when asked for
 * and the caller is entitled, and then written to the audit log (committed) before the value is
 * returned. Asking without the right is refused (FORBIDDEN, reason NOT_ENTITLED), not silently masked.
 */
export async function readPersonal(
  audit: Pick<AuditLog, 'record'>,
  value: string | null,
  options: { reveal: boolean; entitled: boolean; mask: (value: string) => string; read: PersonalRead },
): Promise<string | null> {
  if (value === null) return null;
  if (!options.reveal) return options.mask(value);
  const { read } = options;
  const field = `${read.recordType}.${read.field}`;
  if (!options.entitled) throw new Forbidden(`${field} is withheld from this caller`, { reason: 'NOT_ENTITLED', field });
  await audit.record({ ...read, action: REVEAL });
  return value;
}
