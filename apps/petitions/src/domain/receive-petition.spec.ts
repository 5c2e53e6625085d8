import { Role, type Identity } from '@pgov/auth';
import { Forbidden } from '@pgov/errors';
import { residentIdCheckChar } from '@pgov/privacy';
import { canRevealPetitioner, canSeePetitions, decideNewPetition, receivePetitionInput } from './receive-petition';

const clerk: Identity = { subject: 'c1', name: '书记员', roles: [Role.CLERK], district: '610113' };
const rules = { proceduralReplyDays: 7, resultReplyMonths: 3 };
const now = new Date('2026-11-25T02:00:00Z');
const id17 = '61011319800101123';
const base = { channel: 'LETTER', category: 'CRIMINAL_APPEAL', firstTime: true, content: '申诉', petitionerName: '张三', petitionerIdNumber: id17 + residentIdCheckChar(id17) };

describe('decideNewPetition', () => {
  it('derives reply deadlines from the receipt time', () => {
    const p = decideNewPetition(clerk, receivePetitionInput.parse(base), now, rules);
    expect(p.districtCode).toBe('610113');
    expect(p.proceduralReplyDueAt.toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it('keeps the petitioner member id, puts the petition in no queue, and makes the procedural reply the next due', () => {
    const memberId = '5b0c1e9a-8f7d-4c3b-9a2e-1d0f3e4c5b6a';
    const p = decideNewPetition(clerk, receivePetitionInput.parse({ ...base, petitionerMemberId: memberId }), now, rules);
    expect(p).toMatchObject({ petitionerMemberId: memberId, handlerSubject: null, nextDueAt: p.proceduralReplyDueAt });
    expect(receivePetitionInput.safeParse({ ...base, petitionerMemberId: 'm-1' }).error?.issues[0]?.path).toEqual(['petitionerMemberId']);
  });

  it('refuses a bad ID number, phone, or a future receipt with the field named', () => {
    const bad = receivePetitionInput.safeParse({ ...base, petitionerIdNumber: '610113198001011230', petitionerPhone: '123' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['petitionerIdNumber', 'petitionerPhone']);
    expect(() => decideNewPetition(clerk, receivePetitionInput.parse({ ...base, receivedAt: '2027-01-01T00:00:00Z' }), now, rules)).toThrow(/receivedAt: is in the future/);
  });

  it('keeps staff to their jurisdiction and refuses non-staff', () => {
    expect(() => decideNewPetition(clerk, receivePetitionInput.parse({ ...base, districtCode: '610102' }), now, rules)).toThrow(/outside your jurisdiction/);
    expect(() => decideNewPetition({ ...clerk, roles: [Role.GRID_WORKER] }, receivePetitionInput.parse(base), now, rules)).toThrow(Forbidden);
  });

  it('reveals petitioners to leaders and procurators of the district, not clerks or other districts', () => {
    expect(canRevealPetitioner({ ...clerk, roles: [Role.PROCURATOR] }, '610113')).toBe(true);
    expect(canRevealPetitioner(clerk, '610113')).toBe(false);
    expect(canRevealPetitioner({ ...clerk, roles: [Role.LEADER] }, '610102')).toBe(false);
    expect(canSeePetitions({ ...clerk, roles: [Role.ANALYST] }, '610113')).toBe(false);
  });
});
