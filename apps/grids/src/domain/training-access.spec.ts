import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';
import { attendeeScope, canSeeTraining, canSeeTrainingHistory, trainingListScope } from './training-access';

const identityOf = (role: Role, district: string, subject: string = randomUUID()): Identity => ({ subject, name: '测试', roles: [role], district });

describe('who sees trainings', () => {
  it("shows a district's trainings to its staff and city-wide staff, the city's own to all staff", () => {
    expect(canSeeTraining(identityOf(Role.PROCURATOR, '610113'), '610113')).toBe(true);
    expect(canSeeTraining(identityOf(Role.PROCURATOR, '610112'), '610113')).toBe(false);
    expect(canSeeTraining(identityOf(Role.LEADER, '610100'), '610113')).toBe(true);
    expect(canSeeTraining(identityOf(Role.CLERK, '610112'), '610100')).toBe(true);
    expect(canSeeTraining(identityOf(Role.GRID_WORKER, '610113'), '610113')).toBe(false);
    expect(canSeeTraining(identityOf(Role.PARTNER, '610100'), '610100')).toBe(false);
  });

  it('lists by jurisdiction: own district by default, the city (or nothing asked) is everything for city-wide staff', () => {
    expect(trainingListScope(identityOf(Role.CLERK, '610113'), null)).toEqual({ districtCode: '610113' });
    expect(trainingListScope(identityOf(Role.CLERK, '610113'), '610113')).toEqual({ districtCode: '610113' });
    expect(trainingListScope(identityOf(Role.CLERK, '610113'), '610112')).toBeNull();
    expect(trainingListScope(identityOf(Role.CLERK, '610113'), '610100')).toBeNull();
    expect(trainingListScope(identityOf(Role.CITY_ADMIN, '610100'), null)).toEqual({});
    expect(trainingListScope(identityOf(Role.CITY_ADMIN, '610100'), '610100')).toEqual({});
    expect(trainingListScope(identityOf(Role.CITY_ADMIN, '610100'), '610112')).toEqual({ districtCode: '610112' });
    expect(trainingListScope(identityOf(Role.GRID_WORKER, '610113'), null)).toBeNull();
  });

  it("shows a member's history to the member and their district's staff only", () => {
    const member = { id: randomUUID(), districtCode: '610113' };
    expect(canSeeTrainingHistory(identityOf(Role.GRID_WORKER, '610113', member.id), member)).toBe(true);
    expect(canSeeTrainingHistory(identityOf(Role.GRID_WORKER, '610113'), member)).toBe(false);
    expect(canSeeTrainingHistory(identityOf(Role.CLERK, '610113'), member)).toBe(true);
    expect(canSeeTrainingHistory(identityOf(Role.CLERK, '610112'), member)).toBe(false);
    expect(canSeeTrainingHistory(identityOf(Role.CITY_ADMIN, '610100'), member)).toBe(true);
    expect(canSeeTrainingHistory(identityOf(Role.ANALYST, '610100'), member)).toBe(false);
  });

  it("narrows attendees to the caller's district, or to the caller themself outside the staff", () => {
    expect(attendeeScope(identityOf(Role.CITY_ADMIN, '610100'))).toEqual({ all: true });
    expect(attendeeScope(identityOf(Role.CLERK, '610113'))).toEqual({ districtCode: '610113' });
    const worker = identityOf(Role.GRID_WORKER, '610113');
    expect(attendeeScope(worker)).toEqual({ memberId: worker.subject });
  });
});
