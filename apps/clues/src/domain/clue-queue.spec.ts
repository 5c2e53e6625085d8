import { DECIDED_STATUSES, isDecided, isOverdue, OPEN_STATUSES, queueCriteria } from './clue-queue';
import { CLUE_STATUSES } from './clue-states';

const now = new Date('2026-11-26T02:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('the overdue rule', () => {
  it('splits the states into open and decided', () => {
    expect([...OPEN_STATUSES, ...DECIDED_STATUSES].sort()).toEqual([...CLUE_STATUSES].sort());
    expect(isDecided('CASE_OPENED')).toBe(true);
    expect(isDecided('TRANSFERRED')).toBe(false);
  });

  it('makes an open clue overdue once more than CLUE_DECISION_DAYS passed since submission', () => {
    expect(isOverdue({ status: 'SUBMITTED', submittedAt: daysAgo(31) }, now, 30)).toBe(true);
    expect(isOverdue({ status: 'ASSIGNED', submittedAt: new Date(daysAgo(30).getTime() - 1) }, now, 30)).toBe(true);
    expect(isOverdue({ status: 'SUBMITTED', submittedAt: daysAgo(30) }, now, 30)).toBe(false);
    expect(isOverdue({ status: 'ACCEPTED', submittedAt: daysAgo(3) }, now, 30)).toBe(false);
  });

  it('never makes a decided clue overdue', () => {
    for (const status of DECIDED_STATUSES) expect(isOverdue({ status, submittedAt: daysAgo(400) }, now, 30)).toBe(false);
  });
});

describe('queueCriteria', () => {
  it('keeps what narrows the list and drops empty lists and blank text', () => {
    expect(queueCriteria(null, now, 30)).toMatchObject({ status: undefined, text: undefined, overdue: undefined });
    const c = queueCriteria({ status: [], department: ['CIVIL'], riskLevel: ['HIGH'], text: ' 排污 ', possibleDuplicate: false }, now, 30);
    expect(c).toMatchObject({ status: undefined, department: ['CIVIL'], riskLevel: ['HIGH'], text: '排污', possibleDuplicate: false });
    expect(queueCriteria({ text: '   ' }, now, 30).text).toBeUndefined();
  });

  it('turns overdue into a submission cutoff at the given clock', () => {
    expect(queueCriteria({ overdue: true }, now, 30).overdue).toEqual({ overdue: true, submittedBefore: daysAgo(30) });
    expect(queueCriteria({ overdue: false }, now, 7).overdue).toEqual({ overdue: false, submittedBefore: daysAgo(7) });
  });

  it('refuses a bad filter as BAD_USER_INPUT naming the field', () => {
    expect(() => queueCriteria({ submittedFrom: 'last week' }, now, 30)).toThrow(expect.objectContaining({ field: 'filter.submittedFrom' }));
    expect(() => queueCriteria({ department: ['NAVY'] }, now, 30)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.department.0' }));
    expect(() => queueCriteria({ text: 'x'.repeat(201) }, now, 30)).toThrow(expect.objectContaining({ field: 'filter.text' }));
    expect(queueCriteria({ submittedFrom: '2026-11-01', submittedTo: '2026-11-26T00:00:00+08:00' }, now, 30)).toMatchObject({
      submittedFrom: new Date('2026-11-01T00:00:00Z'),
      submittedTo: new Date('2026-11-25T16:00:00Z'),
    });
  });
});
