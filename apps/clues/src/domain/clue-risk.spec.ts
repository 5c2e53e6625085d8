import { Role, type Identity } from '@pgov/auth';
import { Forbidden, NotFound } from '@pgov/errors';
import {
  assertCaseMayOpen,
  assessClueRiskInput,
  decideHandlingPlan,
  decideRiskAssessment,
  HandlingPlanRequired,
  recordHandlingPlanInput,
  RiskNotAssessable,
  RiskNotAssessed,
  type RiskSubject,
} from './clue-risk';
import { CLUE_STATUSES } from './clue-states';

const id = (roles: Role[], district: string, subject = 'u'): Identity => ({ subject, name: 'x', roles, district });
const procurator = id([Role.PROCURATOR], '610113', 'p1');
const at = new Date('2026-11-26T02:00:00Z');
const clue = (over: Partial<RiskSubject> = {}): RiskSubject => ({
  id: 'c1',
  districtCode: '610113',
  submittedBy: 'w1',
  reporterMemberId: 'w1',
  status: 'ACCEPTED',
  riskLevel: null,
  riskFactors: [],
  handlingPlan: null,
  riskAssessedBy: null,
  riskAssessedAt: null,
  ...over,
});
const assess = (over: Record<string, unknown> = {}) => assessClueRiskInput.parse({ clueId: 'c1', level: 'HIGH', factors: ['MASS'], ...over });

describe('risk assessment', () => {
  it('records level, factors and the assessor on an accepted, assigned or transferred clue', () => {
    for (const status of ['ACCEPTED', 'ASSIGNED', 'TRANSFERRED'] as const) {
      expect(decideRiskAssessment(procurator, clue({ status }), assess(), at)).toEqual({
        level: 'HIGH',
        factors: ['MASS'],
        handlingPlan: null,
        assessedBy: 'p1',
        assessedAt: at,
      });
    }
  });

  it.each(CLUE_STATUSES.filter((s) => !['ACCEPTED', 'ASSIGNED', 'TRANSFERRED'].includes(s)))('refuses a %s clue with CONFLICT naming the status', (status) => {
    expect(() => decideRiskAssessment(procurator, clue({ status }), assess(), at)).toThrow(RiskNotAssessable);
    expect(() => decideRiskAssessment(procurator, clue({ status }), assess(), at)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { status } }));
  });

  it('lets PROCURATOR and LEADER of the district and CITY_ADMIN assess; NOT_FOUND elsewhere, FORBIDDEN for clerks and grid workers', () => {
    expect(decideRiskAssessment(id([Role.LEADER], '610113'), clue(), assess(), at).level).toBe('HIGH');
    expect(decideRiskAssessment(id([Role.CITY_ADMIN], '610100'), clue(), assess(), at).level).toBe('HIGH');
    expect(() => decideRiskAssessment(id([Role.PROCURATOR], '610102'), clue(), assess(), at)).toThrow(NotFound);
    expect(() => decideRiskAssessment(procurator, null, assess(), at)).toThrow(NotFound);
    expect(() => decideRiskAssessment(id([Role.CLERK], '610113'), clue(), assess(), at)).toThrow(Forbidden);
    expect(() => decideRiskAssessment(id([Role.GRID_WORKER], '610113', 'w1'), clue(), assess(), at)).toThrow(Forbidden);
    expect(() => decideRiskAssessment(id([Role.GRID_WORKER], '610113', 'w2'), clue(), assess(), at)).toThrow(NotFound);
  });

  it('keeps a plan on record when a revision leaves it out, and takes a new one', () => {
    const planned = clue({ riskLevel: 'HIGH', handlingPlan: '旧方案', riskAssessedBy: 'p0', riskAssessedAt: at });
    expect(decideRiskAssessment(procurator, planned, assess({ level: 'MEDIUM' }), at)).toMatchObject({ level: 'MEDIUM', handlingPlan: '旧方案' });
    expect(decideRiskAssessment(procurator, planned, assess({ handlingPlan: ' 新方案 ' }), at).handlingPlan).toBe('新方案');
  });

  it('takes each factor once, in the vocabulary order, and refuses unknown ones and blank plans', () => {
    expect(assess({ factors: ['PETITION', 'MILITARY', 'PETITION'] }).factors).toEqual(['MILITARY', 'PETITION']);
    expect(assess({ factors: [] }).factors).toEqual([]);
    expect(assessClueRiskInput.safeParse({ clueId: 'c1', level: 'HIGH', factors: ['NAVY'] }).error?.issues[0]?.path).toEqual(['factors', 0]);
    expect(assessClueRiskInput.safeParse({ clueId: 'c1', level: 'SEVERE', factors: [] }).error?.issues[0]?.path).toEqual(['level']);
    expect(assessClueRiskInput.safeParse({ clueId: 'c1', level: 'LOW', factors: [], handlingPlan: '  ' }).error?.issues[0]?.path).toEqual(['handlingPlan']);
    expect(recordHandlingPlanInput.safeParse({ clueId: 'c1', handlingPlan: '' }).success).toBe(false);
  });
});

describe('handling plan', () => {
  const assessed = clue({ status: 'ASSIGNED', riskLevel: 'HIGH', riskFactors: ['MASS', 'PETITION'], riskAssessedBy: 'p0', riskAssessedAt: at });

  it('joins the assessment on record, which keeps its assessor and time', () => {
    const later = { clueId: 'c1', handlingPlan: '稳控预案' };
    expect(decideHandlingPlan(procurator, assessed, later)).toEqual({
      level: 'HIGH',
      factors: ['MASS', 'PETITION'],
      handlingPlan: '稳控预案',
      assessedBy: 'p0',
      assessedAt: at,
    });
  });

  it('needs an assessment first, an open clue and a caller who may triage', () => {
    const input = { clueId: 'c1', handlingPlan: '方案' };
    expect(() => decideHandlingPlan(procurator, clue(), input)).toThrow(RiskNotAssessed);
    expect(() => decideHandlingPlan(procurator, { ...assessed, status: 'CASE_OPENED' }, input)).toThrow(RiskNotAssessable);
    expect(() => decideHandlingPlan(id([Role.CLERK], '610113'), assessed, input)).toThrow(Forbidden);
  });
});

describe('the case gate', () => {
  it('stops a HIGH-risk clue without a plan only', () => {
    expect(() => assertCaseMayOpen({ riskLevel: 'HIGH', handlingPlan: null })).toThrow(HandlingPlanRequired);
    expect(() => assertCaseMayOpen({ riskLevel: 'HIGH', handlingPlan: '方案' })).not.toThrow();
    expect(() => assertCaseMayOpen({ riskLevel: 'MEDIUM', handlingPlan: null })).not.toThrow();
    expect(() => assertCaseMayOpen({ riskLevel: null, handlingPlan: null })).not.toThrow();
  });
});
