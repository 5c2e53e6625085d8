import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';
import { IllegalRecommendationTransition, type RecommendationStatus } from './recommendation-states';
import { decideRecommendationChange, recommendationChangeInputs, type RecommendationChangeRequest, type RecommendationSubject } from './recommendation-transition';

const who = (role: Role, district: string): Identity => ({ subject: randomUUID(), name: '测试', roles: [role], district });
const rec = (status: RecommendationStatus, districtCode = '610113'): RecommendationSubject => ({ id: randomUUID(), status, districtCode, replyDueOn: '2027-01-26' });
const reply = (id: string): RecommendationChangeRequest => ({ change: 'REPLY', recommendationId: id, adoption: 'ADOPTED', text: '已整改' });
const onDueDate = new Date('2027-01-26T15:00:00Z');
const dayAfter = new Date('2027-01-26T16:00:00Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('recommendation changes', () => {
  const procurator = who(Role.PROCURATOR, '610113');

  it('records a reply on the due date as on time, one the day after (China) as late', () => {
    const r = rec('ISSUED');
    expect(decideRecommendationChange(procurator, r, reply(r.id), onDueDate)).toMatchObject({ from: 'ISSUED', to: 'REPLIED', onTime: true, adoption: 'ADOPTED' });
    expect(decideRecommendationChange(procurator, r, reply(r.id), dayAfter)).toMatchObject({ onTime: false });
    const overdue = rec('OVERDUE');
    expect(decideRecommendationChange(procurator, overdue, reply(overdue.id), dayAfter)).toMatchObject({ from: 'OVERDUE', to: 'REPLIED', onTime: false });
  });

  it('checks a replied one: rectified or not, with its note', () => {
    const r = rec('REPLIED');
    expect(decideRecommendationChange(procurator, r, { change: 'CHECK', recommendationId: r.id, rectified: true, note: '已整改到位' }, dayAfter)).toMatchObject({
      to: 'RECTIFIED',
      rectified: true,
      note: '已整改到位',
    });
    expect(decideRecommendationChange(procurator, r, { change: 'CHECK', recommendationId: r.id, rectified: false, note: '仍有问题' }, dayAfter)).toMatchObject({
      to: 'NOT_RECTIFIED',
      rectified: false,
    });
  });

  it('escalates a not rectified one', () => {
    const r = rec('NOT_RECTIFIED');
    expect(decideRecommendationChange(procurator, r, { change: 'ESCALATE', recommendationId: r.id, note: '提起公益诉讼' }, dayAfter)).toMatchObject({
      from: 'NOT_RECTIFIED',
      to: 'ESCALATED',
    });
  });

  it('refuses what the state does not allow as CONFLICT', () => {
    const replied = rec('REPLIED');
    expect(() => decideRecommendationChange(procurator, replied, reply(replied.id), dayAfter)).toThrow(IllegalRecommendationTransition);
    const issued = rec('ISSUED');
    expect(codeOf(() => decideRecommendationChange(procurator, issued, { change: 'ESCALATE', recommendationId: issued.id, note: 'x' }, dayAfter))).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for a missing one and for another district\'s, whatever its state', () => {
    expect(codeOf(() => decideRecommendationChange(procurator, null, reply(randomUUID()), dayAfter))).toBe('NOT_FOUND');
    const theirs = rec('REPLIED', '610102');
    expect(codeOf(() => decideRecommendationChange(procurator, theirs, reply(theirs.id), dayAfter))).toBe('NOT_FOUND');
  });

  it('lets the district\'s leader and a city-wide admin change it, and forbids a clerk who can see it', () => {
    const r = rec('ISSUED');
    expect(codeOf(() => decideRecommendationChange(who(Role.LEADER, '610113'), r, reply(r.id), dayAfter))).toBe('OK');
    expect(codeOf(() => decideRecommendationChange(who(Role.CITY_ADMIN, '610100'), r, reply(r.id), dayAfter))).toBe('OK');
    expect(codeOf(() => decideRecommendationChange(who(Role.CLERK, '610113'), r, reply(r.id), dayAfter))).toBe('FORBIDDEN');
    // Those who cannot see the register at all are told nothing more than "not found".
    expect(codeOf(() => decideRecommendationChange(who(Role.GRID_WORKER, '610113'), r, reply(r.id), dayAfter))).toBe('NOT_FOUND');
  });

  it('validates the inputs: text and notes required and trimmed', () => {
    expect(recommendationChangeInputs.REPLY.safeParse({ recommendationId: 'x', adoption: 'ADOPTED', text: '  ' }).success).toBe(false);
    expect(recommendationChangeInputs.REPLY.safeParse({ recommendationId: 'x', adoption: 'MAYBE', text: '好' }).success).toBe(false);
    expect(recommendationChangeInputs.CHECK.safeParse({ recommendationId: 'x', rectified: true, note: '' }).success).toBe(false);
    expect(recommendationChangeInputs.ESCALATE.parse({ recommendationId: 'x', note: ' 起诉 ' }).note).toBe('起诉');
  });
});
