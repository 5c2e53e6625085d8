import { Role, type Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';
import { decideDismissal, duplicateCriteria } from './clue-duplicates';

const id = (roles: Role[], district: string, subject = 'u'): Identity => ({ subject, name: 'x', roles, district });
const rules = { windowDays: 30, minSimilarity: 0.3 };
const submittedAt = new Date('2026-11-26T02:00:00Z');

describe('duplicateCriteria', () => {
  it('looks for earlier clues of the same grid and category within the window', () => {
    expect(duplicateCriteria({ gridCode: '610113-01', category: 'CIVIL', title: '河道排污', submittedAt }, rules)).toEqual({
      gridCode: '610113-01',
      category: 'CIVIL',
      title: '河道排污',
      submittedFrom: new Date('2026-10-27T02:00:00Z'),
      minSimilarity: 0.3,
    });
  });

  it('compares a clue without a grid with nothing', () => {
    expect(duplicateCriteria({ gridCode: null, category: 'CIVIL', title: '热线来电', submittedAt }, rules)).toBeNull();
  });
});

describe('decideDismissal', () => {
  const clue = { districtCode: '610113', submittedBy: 'w1', reporterMemberId: 'w1' };
  const input = { clueId: 'c1', duplicateOfId: 'c0' };
  const flag = { dismissedAt: null };

  it('lets procurators and leaders of the district and city admins dismiss a flag once', () => {
    expect(decideDismissal(id([Role.PROCURATOR], '610113'), clue, flag, input)).toEqual({ clue, write: true });
    expect(decideDismissal(id([Role.LEADER], '610113'), clue, flag, input).write).toBe(true);
    expect(decideDismissal(id([Role.CITY_ADMIN], '610100'), clue, flag, input).write).toBe(true);
    expect(decideDismissal(id([Role.PROCURATOR], '610113'), clue, { dismissedAt: submittedAt }, input).write).toBe(false);
  });

  it('answers NOT_FOUND for a clue elsewhere or a pair never flagged, FORBIDDEN for a clerk', () => {
    expect(() => decideDismissal(id([Role.PROCURATOR], '610102'), clue, flag, input)).toThrow(NotFound);
    expect(() => decideDismissal(id([Role.PROCURATOR], '610113'), clue, null, input)).toThrow(/PossibleDuplicate c1\/c0 not found/);
    expect(() => decideDismissal(id([Role.CLERK], '610113'), clue, flag, input)).toThrow(Forbidden);
  });
});
