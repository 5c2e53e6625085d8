import { Role, type Identity } from '@pgov/auth';
import { canChangeClue, canSeeClue, canSeeReporter, clueListScope } from './clue-access';

const id = (roles: Role[], district: string, subject = 'u'): Identity => ({ subject, name: 'x', roles, district });
const clue = { districtCode: '610113', submittedBy: 'w1', reporterMemberId: 'w1' };

describe('clue access', () => {
  it('lets staff of the district and the city see a clue, not other districts', () => {
    expect(canSeeClue(id([Role.CLERK], '610113'), clue)).toBe(true);
    expect(canSeeClue(id([Role.LEADER], '610100'), clue)).toBe(true);
    expect(canSeeClue(id([Role.PROCURATOR], '610102'), clue)).toBe(false);
  });

  it('lets a grid worker see only their own clues', () => {
    expect(canSeeClue(id([Role.GRID_WORKER], '610113', 'w1'), clue)).toBe(true);
    expect(canSeeClue(id([Role.GRID_WORKER], '610113', 'w2'), clue)).toBe(false);
    expect(clueListScope(id([Role.GRID_WORKER], '610113', 'w2'))).toEqual({ districtCode: '610113', submittedBy: 'w2' });
  });

  it('shows nothing to analysts and partners', () => {
    expect(canSeeClue(id([Role.ANALYST], '610100'), clue)).toBe(false);
    expect(clueListScope(id([Role.PARTNER], '610100'))).toBeNull();
  });

  it('reveals the informant to procurators and leaders of the district, city admins and the reporter only', () => {
    expect(canSeeReporter(id([Role.PROCURATOR], '610113'), clue)).toBe(true);
    expect(canSeeReporter(id([Role.LEADER], '610113'), clue)).toBe(true);
    expect(canSeeReporter(id([Role.CITY_ADMIN], '610100'), clue)).toBe(true);
    expect(canSeeReporter(id([Role.GRID_WORKER], '610113', 'w1'), clue)).toBe(true);
    expect(canSeeReporter(id([Role.CLERK], '610113'), clue)).toBe(false);
    expect(canSeeReporter(id([Role.PROCURATOR], '610102'), clue)).toBe(false);
    expect(canSeeReporter(id([Role.GRID_WORKER], '610113', 'w2'), clue)).toBe(false);
  });

  it("lets procurators and leaders of the district, and city admins, change a clue's state", () => {
    expect(canChangeClue(id([Role.PROCURATOR], '610113'), clue)).toBe(true);
    expect(canChangeClue(id([Role.LEADER], '610113'), clue)).toBe(true);
    expect(canChangeClue(id([Role.CITY_ADMIN], '610100'), clue)).toBe(true);
    expect(canChangeClue(id([Role.PROCURATOR], '610102'), clue)).toBe(false);
    expect(canChangeClue(id([Role.CLERK], '610113'), clue)).toBe(false);
    expect(canChangeClue(id([Role.GRID_WORKER], '610113', 'w1'), clue)).toBe(false);
  });
});
