import { Forbidden } from '@pgov/errors';
import { maskPhone } from './mask';
import { readPersonal } from './personal-read';

// The decision logic; the audit row itself is checked on the real databases (grids, petitions tests).
const read = { actor: { subject: 'u1', roles: ['LEADER'] }, recordType: 'Member', recordId: 'm1', field: 'phone', requestId: 'r1' };

function recorder() {
  const calls: unknown[][] = [];
  return { calls, db: { $executeRawUnsafe: async (...args: unknown[]) => (calls.push(args), 1) } };
}

describe('readPersonal', () => {
  it('masks by default and audits nothing', async () => {
    const { calls, db } = recorder();
    expect(await readPersonal(db, '13812345678', { reveal: false, entitled: true, mask: maskPhone, read })).toBe('138****5678');
    expect(calls).toHaveLength(0);
  });

  it('reveals to the entitled after writing the audit row', async () => {
    const { calls, db } = recorder();
    expect(await readPersonal(db, '13812345678', { reveal: true, entitled: true, mask: maskPhone, read })).toBe('13812345678');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(1)).toEqual(['u1', ['LEADER'], 'Member', 'm1', 'phone', 'r1']);
  });

  it('refuses the unentitled with a reason, auditing nothing', async () => {
    const { calls, db } = recorder();
    const attempt = readPersonal(db, '13812345678', { reveal: true, entitled: false, mask: maskPhone, read });
    await expect(attempt).rejects.toBeInstanceOf(Forbidden);
    await expect(attempt).rejects.toMatchObject({ details: { reason: 'NOT_ENTITLED', field: 'Member.phone' } });
    expect(calls).toHaveLength(0);
  });

  it('passes null through untouched', async () => {
    const { db } = recorder();
    expect(await readPersonal(db, null, { reveal: true, entitled: false, mask: maskPhone, read })).toBeNull();
  });
});
