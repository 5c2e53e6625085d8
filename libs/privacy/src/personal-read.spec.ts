import { Forbidden, InvalidInput } from '@pgov/errors';
import type { AuditEntry } from './audit-log';
import { AUDIT_REASON_MAX } from './audit-reason';
import { maskPhone } from './mask';
import { readPersonal } from './personal-read';

// The decision logic; the audit row itself is checked on the real databases (grids, petitions tests).
const read = { actor: { subject: 'u1', roles: ['LEADER'] }, recordType: 'Member', recordId: 'm1', field: 'phone', requestId: 'r1', reason: '核查线索 2026-17' };
const { reason: _, ...readWithoutReason } = read;

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
    expect(await readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read: { ...read, reason: '  case 2026-17 ' } })).toBe('13812345678');
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

  it('refuses a reveal without a reason (BAD_USER_INPUT on reason), whatever the record holds, auditing nothing', async () => {
    const { entries, audit } = recorder();
    for (const value of ['13812345678', null]) {
      for (const reason of [undefined, null]) {
        const attempt = readPersonal(audit, value, { reveal: true, entitled: true, mask: maskPhone, read: { ...readWithoutReason, reason } });
        await expect(attempt).rejects.toBeInstanceOf(InvalidInput);
        await expect(attempt).rejects.toMatchObject({ field: 'reason', reason: expect.stringContaining('required to reveal Member.phone') });
      }
    }
    expect(entries).toHaveLength(0);
  });

  it.each([
    ['empty', '', 'must not be empty'],
    ['blank', ' \u3000 ', 'must not be empty'],
    ['too long', 'x'.repeat(AUDIT_REASON_MAX + 1), `must be at most ${AUDIT_REASON_MAX} characters`],
    ['a line break', 'case 1\nDELETE', 'must not contain control characters'],
    ['a NUL', 'case\u00001', 'must not contain control characters'],
    ['a bidirectional override', 'case \u202E71-6202', 'must not contain control characters'],
  ])('refuses a reason that is %s, auditing nothing', async (_label, reason, problem) => {
    const { entries, audit } = recorder();
    const attempt = readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read: { ...read, reason } });
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', reason: problem });
    expect(entries).toHaveLength(0);
  });

  it('takes a reason of exactly the longest length, in characters (not UTF-16 units)', async () => {
    const { entries, audit } = recorder();
    const longest = '𠀀'.repeat(AUDIT_REASON_MAX);
    await readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read: { ...read, reason: longest } });
    expect(entries[0]?.reason).toBe(longest);
  });

  it('needs no reason to mask, and ignores one given', async () => {
    const { entries, audit } = recorder();
    expect(await readPersonal(audit, '13812345678', { reveal: false, entitled: true, mask: maskPhone, read: readWithoutReason })).toBe('138****5678');
    expect(await readPersonal(audit, '13812345678', { reveal: false, entitled: true, mask: maskPhone, read: { ...read, reason: '' } })).toBe('138****5678');
    expect(entries).toHaveLength(0);
  });

  it('returns nothing when the audit row cannot be written', async () => {
    const audit = { record: async () => Promise.reject(new Error('database gone')) };
    await expect(readPersonal(audit, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read })).rejects.toThrow('database gone');
  });
});
