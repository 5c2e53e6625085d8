import { Role, type Identity } from '@pgov/auth';
import { Conflict, Forbidden, NotFound } from '@pgov/errors';
import { assertMayScheduleHearings, assertPetitionMayHaveHearing, hearingTime, scheduleHearingInput } from './hearing-schedule';

const who = (role: Role, district = '610113'): Identity => ({ subject: 's', name: 'n', roles: [role], district });
const petition = (status: string, districtCode = '610113') => ({ id: 'p1', districtCode, status });
const now = new Date('2026-11-25T02:00:00Z');
const member = (n: number) => ({ memberId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const input = (scheduledFor: string) =>
  scheduleHearingInput({ min: 3, max: 7 }).parse({
    petitionId: 'p1',
    subject: ' 对不起诉决定的申诉 ',
    scheduledFor,
    venue: '雁塔区综治中心行政争议化解室',
    panel: [member(1), member(2), member(3)],
  });

describe('scheduling a hearing', () => {
  it('refuses clerks and other roles before reading anything', () => {
    for (const role of [Role.CLERK, Role.GRID_WORKER, Role.HEARING_OFFICER, Role.ANALYST]) {
      expect(() => assertMayScheduleHearings(who(role))).toThrow(Forbidden);
    }
    expect(() => assertMayScheduleHearings(who(Role.PROCURATOR))).not.toThrow();
  });

  it('answers another district’s or a missing petition as NOT_FOUND', () => {
    expect(() => assertPetitionMayHaveHearing(who(Role.LEADER), petition('RECEIVED', '610102'), 'p1')).toThrow(NotFound);
    expect(() => assertPetitionMayHaveHearing(who(Role.LEADER), null, 'p1')).toThrow(NotFound);
    expect(assertPetitionMayHaveHearing(who(Role.CITY_ADMIN, '610100'), petition('IN_PROGRESS', '610102'), 'p1').id).toBe('p1');
  });

  it.each(['CLOSED', 'REFERRED'])('refuses a %s petition as a CONFLICT naming the status', (status) => {
    expect(() => assertPetitionMayHaveHearing(who(Role.PROCURATOR), petition(status), 'p1')).toThrow(new Conflict(`a ${status} petition cannot have a hearing scheduled`));
  });

  it.each(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'CONCLUDED'])('schedules for a %s petition', (status) => {
    expect(() => assertPetitionMayHaveHearing(who(Role.PROCURATOR), petition(status), 'p1')).not.toThrow();
  });

  it('takes a time in the future only', () => {
    expect(hearingTime(input('2026-12-01T09:30:00+08:00'), now)).toEqual(new Date('2026-12-01T01:30:00Z'));
    expect(() => hearingTime(input(now.toISOString()), now)).toThrow(/input.scheduledFor: must be in the future/);
  });

  it('trims the texts and refuses an empty venue or a bad time', () => {
    expect(input('2026-12-01T09:30:00+08:00').subject).toBe('对不起诉决定的申诉');
    const schema = scheduleHearingInput({ min: 3, max: 7 });
    const bad = schema.safeParse({ petitionId: 'p1', subject: 's', scheduledFor: '明天', venue: '  ', panel: [member(1), member(2), member(3)] });
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['scheduledFor', 'venue']);
  });
});
