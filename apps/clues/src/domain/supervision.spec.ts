import { applyFact, daysBetween, reportingDelayDays, reportingInOn, UNKNOWN_PERSON, type SupervisionFact } from './supervision';

const fold = (...facts: SupervisionFact[]) => facts.reduce(applyFact, UNKNOWN_PERSON);

describe('the supervision view of a person', () => {
  it('keeps dates and counts events', () => {
    const state = fold(
      { type: 'enrolled', occurredOn: '2026-11-05', judgmentEffectiveOn: '2026-11-01' },
      { type: 'checked-in', occurredOn: '2026-11-12' },
      { type: 'checked-in', occurredOn: '2026-11-19' },
      { type: 'check-in-missed', occurredOn: '2026-11-26' },
      { type: 'warned', occurredOn: '2026-11-27', reason: 'MISSED_CHECK_IN' },
      { type: 'educated', occurredOn: '2026-11-28', kind: 'EDUCATION' },
      { type: 'released', occurredOn: '2027-05-01', announced: true },
    );
    expect(state).toEqual({
      judgmentEffectiveOn: '2026-11-01',
      enrolledOn: '2026-11-05',
      reportedInOn: null,
      checkIns: 2,
      missedCheckIns: 1,
      warnings: 1,
      educationSessions: 1,
      releasedOn: '2027-05-01',
      releaseAnnounced: true,
    });
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2026-11-01', '2026-11-11')).toBe(10);
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('takes the reporting-in date, or the enrolment when that was the first contact', () => {
    expect(reportingInOn({ reportedInOn: null, enrolledOn: null })).toBeNull();
    expect(reportingInOn({ reportedInOn: '2026-11-08', enrolledOn: '2026-11-10' })).toBe('2026-11-08');
    expect(reportingInOn({ reportedInOn: null, enrolledOn: '2026-11-12' })).toBe('2026-11-12');
    expect(reportingInOn({ reportedInOn: '2026-11-14', enrolledOn: '2026-11-12' })).toBe('2026-11-12');
  });

  it('knows the reporting delay only once the judgment date and a contact are both known', () => {
    expect(reportingDelayDays(fold({ type: 'reported-in', occurredOn: '2026-11-12' }))).toBeNull();
    expect(reportingDelayDays(fold({ type: 'reported-in', occurredOn: '2026-11-12' }, { type: 'enrolled', occurredOn: '2026-11-13', judgmentEffectiveOn: '2026-11-01' }))).toBe(11);
  });
});
