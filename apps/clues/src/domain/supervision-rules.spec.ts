import { applyFact, UNKNOWN_PERSON, type SupervisionFact } from './supervision';
import { brokenRules, supervisionClue, supervisionClueRef } from './supervision-rules';

const limits = { reportInDays: 10, missedCheckInsLimit: 3 };
const fold = (...facts: SupervisionFact[]) => facts.reduce(applyFact, UNKNOWN_PERSON);
const rules = (...facts: SupervisionFact[]) => brokenRules('SXJZ-2026-0001', fold(...facts), limits).map((b) => b.rule);
const enrolled = (occurredOn: string, judgmentEffectiveOn = '2026-11-01'): SupervisionFact => ({ type: 'enrolled', occurredOn, judgmentEffectiveOn });
const missed = (n: number): SupervisionFact[] => Array.from({ length: n }, (_, i) => ({ type: 'check-in-missed', occurredOn: `2026-12-${String(i + 1).padStart(2, '0')}` }));

describe('reporting in late (报到超期)', () => {
  it('is on time on day 10 after the judgment took effect and late on day 11', () => {
    expect(rules(enrolled('2026-11-11'))).toEqual([]);
    expect(rules(enrolled('2026-11-12'))).toEqual(['late-report-in']);
  });

  it('uses the reporting-in date when the person reported in before enrolment', () => {
    expect(rules({ type: 'reported-in', occurredOn: '2026-11-09' }, enrolled('2026-11-20'))).toEqual([]);
    expect(rules({ type: 'reported-in', occurredOn: '2026-11-12' }, enrolled('2026-11-12'))).toEqual(['late-report-in']);
  });

  it('needs both dates: a reporting-in without a known judgment date breaks nothing yet', () => {
    expect(rules({ type: 'reported-in', occurredOn: '2026-12-30' })).toEqual([]);
    expect(rules({ type: 'reported-in', occurredOn: '2026-12-30' }, enrolled('2026-12-30'))).toEqual(['late-report-in']);
  });

  it('follows the configured limit', () => {
    expect(brokenRules('p', fold(enrolled('2026-11-12')), { ...limits, reportInDays: 11 })).toEqual([]);
  });

  it('states the facts in the clue', () => {
    const [breach] = brokenRules('SXJZ-2026-0001', fold(enrolled('2026-11-12')), limits);
    expect(breach!.title).toBe('社区矫正对象 SXJZ-2026-0001 报到超期（判决生效后第 11 日报到）');
    expect(breach!.description).toContain('判决于 2026-11-01 生效');
    expect(breach!.description).toContain('超过规定的 10 日报到期限 1 日');
  });
});

describe('missed check-ins (未按规定报告)', () => {
  it('allows the limit and breaks on one more', () => {
    expect(rules(...missed(3))).toEqual([]);
    expect(rules(...missed(4))).toEqual(['missed-check-ins']);
  });

  it('does not count kept check-ins', () => {
    expect(rules(...missed(3), { type: 'checked-in', occurredOn: '2026-12-20' })).toEqual([]);
  });
});

describe('release without announcement (解矫未宣告)', () => {
  it('breaks only when the release was not announced', () => {
    expect(rules({ type: 'released', occurredOn: '2027-05-01', announced: true })).toEqual([]);
    expect(rules({ type: 'released', occurredOn: '2027-05-01', announced: false })).toEqual(['release-not-announced']);
  });
});

describe('the supervision clue', () => {
  it('is a community-corrections clue of the person’s district, one per person and rule, with no informant', () => {
    const [breach] = brokenRules('P-1', fold({ type: 'released', occurredOn: '2027-05-01', announced: false }), limits);
    expect(supervisionClue('P-1', '610113', breach!)).toMatchObject({
      originRef: 'corrections:P-1:release-not-announced',
      source: 'COMMUNITY_CORRECTIONS',
      category: 'COMMUNITY_CORRECTIONS',
      districtCode: '610113',
      reporterMemberId: null,
      submittedBy: 'corrections',
      title: '社区矫正对象 P-1 解矫未宣告（2027-05-01 解矫）',
    });
    expect(supervisionClueRef('P-1', 'late-report-in')).toBe('corrections:P-1:late-report-in');
  });
});
