import { Forbidden } from '@pgov/errors';
import type { AuditEntry } from './audit-log';
import { maskPhone } from './mask';
import { readPersonal } from './personal-read';

// The decision logic; the audit row itself is checked on the real databases (grids, petitions tests).
const read = { actor: { subject: 'u1', roles: ['LEADER'] }, recordType: 'Member', recordId: 'm1', field: 'phone', requestId: 'r1' };

function recorder() {
  const entries: AuditEntry[] = [];
  return { entries, audit: { record: async (entry: AuditEntry) => (entries.push(entry), { seq: String(entries.length), hash: '' }) } };
}

describe('readPersonal', () => {
  it('masks by default and audits nothing', async () => {
    const { entries, audit } = recorder();
    expect(await readPersonal(audit, '13812345678', { reveal: false, entitled: true, mask: maskPhone, read })).toBe('138****5678');
    expect(entries).toHaveLength(0);
  });

  it('reveals to the entitled after writing the audit row: who, which record and field, why, from which request', async () => {
    const { entries, audit } = recorder();
    expect(await readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read: { ...read, reason: 'case 2026-17' } })).toBe('13812345678');
    expect(entries).toEqual([{ ...read, reason: 'case 2026-17', action: 'REVEAL' }]);
  });

  it('refuses the unentitled with a reason, auditing nothing', async () => {
    const { entries, audit } = recorder();
    const attempt = readPersonal(audit, '13812345678', { reveal: true, entitled: false, mask: maskPhone, read });
    await expect(attempt).rejects.toBeInstanceOf(Forbidden);
    await expect(attempt).rejects.toMatchObject({ details: { reason: 'NOT_ENTITLED', field: 'Member.phone' } });
    expect(entries).toHaveLength(0);
  });

  it('passes null through untouched', async () => {
    const { audit } = recorder();
    expect(await readPersonal(audit, null, { reveal: true, entitled: false, mask: maskPhone, read })).toBeNull();
  });

  it('returns nothing when the audit row cannot be written', async () => {
    const audit = { record: async () => Promise.reject(new Error('database gone')) };
    await expect(readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read })).rejects.toThrow('database gone');
  });
});
