import { MEMBER_STATUSES, type MemberStatus } from '@pgov/contracts';
import { Conflict } from '@pgov/errors';
import { assertNotRetired, assertStatusChange, canChangeStatus } from './member-status';

const LEGAL: [MemberStatus, MemberStatus][] = [
  ['ACTIVE', 'SUSPENDED'],
  ['SUSPENDED', 'ACTIVE'],
  ['ACTIVE', 'RETIRED'],
  ['SUSPENDED', 'RETIRED'],
];
const isLegal = (from: MemberStatus, to: MemberStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = MEMBER_STATUSES.flatMap((from) => MEMBER_STATUSES.map((to) => [from, to] as [MemberStatus, MemberStatus]));

describe('member status machine', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(true);
    expect(() => assertStatusChange(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isLegal(f, t)))('refuses %s → %s with CONFLICT naming the current status', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(false);
    let error: unknown;
    try {
      assertStatusChange(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({ details: { currentStatus: from, requestedStatus: to } });
    expect((error as Error).message).toContain(from);
  });

  it('covers every pair: 4 legal, 5 illegal', () => {
    const legal = ALL_PAIRS.filter(([f, t]) => canChangeStatus(f, t));
    expect(legal).toHaveLength(4);
    expect(legal).toEqual(expect.arrayContaining(LEGAL));
    expect(ALL_PAIRS.filter(([f, t]) => !canChangeStatus(f, t))).toHaveLength(5);
  });

  it('closes a retired member’s record to every other change', () => {
    expect(() => assertNotRetired('RETIRED')).toThrow(Conflict);
    expect(() => assertNotRetired('ACTIVE')).not.toThrow();
    expect(() => assertNotRetired('SUSPENDED')).not.toThrow();
  });
});
