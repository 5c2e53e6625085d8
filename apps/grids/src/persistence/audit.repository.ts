import type { GridsDb } from './prisma';

export interface AuditEntry {
  actor: string;
  actorRoles: string[];
  recordType: string;
  recordId: string;
  field: string;
  requestId: string;
}

/** Unmasked reads of personal data (SECURITY.md). Written before the value is returned. */
export function auditRepository(db: GridsDb) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditLog.create({ data: entry });
    },
  };
}
