import { Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput, NotFound } from '@pgov/errors';
import { HandlingPlanRequired } from './clue-risk';
import { IllegalTransition } from './clue-states';
import { decideTransition, transitionInputs, type TransitionSubject } from './clue-transition';

const id = (roles: Role[], district: string, subject = 'u'): Identity => ({ subject, name: 'x', roles, district });
const procurator = id([Role.PROCURATOR], '610113', 'p1');
const clue = (over: Partial<TransitionSubject> = {}): TransitionSubject => ({
  id: 'c1',
  districtCode: '610113',
  submittedBy: 'w1',
  reporterMemberId: 'w1',
  status: 'SUBMITTED',
  department: null,
  riskLevel: null,
  handlingPlan: null,
  ...over,
});

describe('decideTransition', () => {
  it('accepts a submitted clue, with no department yet', () => {
    expect(decideTransition(procurator, clue(), { action: 'ACCEPT', clueId: 'c1' })).toEqual({
      action: 'ACCEPT',
      from: 'SUBMITTED',
      to: 'ACCEPTED',
      fromDepartment: null,
      department: null,
      reason: null,
    });
  });

  it('assigns, transfers and reassigns, keeping the departments on each step', () => {
    const assigned = decideTransition(procurator, clue({ status: 'ACCEPTED' }), { action: 'ASSIGN', clueId: 'c1', department: 'CIVIL' });
    expect(assigned).toMatchObject({ to: 'ASSIGNED', department: 'CIVIL' });
    const transferred = decideTransition(procurator, clue({ status: 'ASSIGNED', department: 'CIVIL' }), {
      action: 'TRANSFER',
      clueId: 'c1',
      department: 'PUBLIC_INTEREST',
      reason: '涉公益',
    });
    expect(transferred).toMatchObject({ to: 'TRANSFERRED', fromDepartment: 'CIVIL', department: 'PUBLIC_INTEREST', reason: '涉公益' });
    const taken = decideTransition(procurator, clue({ status: 'TRANSFERRED', department: 'PUBLIC_INTEREST' }), {
      action: 'ASSIGN',
      clueId: 'c1',
      department: 'PUBLIC_INTEREST',
    });
    expect(taken).toMatchObject({ to: 'ASSIGNED', department: 'PUBLIC_INTEREST' });
    const closed = decideTransition(procurator, clue({ status: 'ASSIGNED', department: 'CRIMINAL' }), { action: 'CLOSE_NO_ACTION', clueId: 'c1', reason: '无' });
    expect(closed).toMatchObject({ to: 'CLOSED_NO_ACTION', department: 'CRIMINAL' });
  });

  it('refuses a transfer to the department already holding the clue, and a reassignment elsewhere', () => {
    const assigned = clue({ status: 'ASSIGNED', department: 'CIVIL' });
    expect(() => decideTransition(procurator, assigned, { action: 'TRANSFER', clueId: 'c1', department: 'CIVIL', reason: 'x' })).toThrow(
      expect.objectContaining({ field: 'input.department' }),
    );
    const transferred = clue({ status: 'TRANSFERRED', department: 'PUBLIC_INTEREST' });
    expect(() => decideTransition(procurator, transferred, { action: 'ASSIGN', clueId: 'c1', department: 'CIVIL' })).toThrow(InvalidInput);
  });

  it('answers NOT_FOUND for a missing clue or one of another district, FORBIDDEN for one seen but not changeable', () => {
    expect(() => decideTransition(procurator, null, { action: 'ACCEPT', clueId: 'c1' })).toThrow(NotFound);
    expect(() => decideTransition(id([Role.PROCURATOR], '610102'), clue(), { action: 'ACCEPT', clueId: 'c1' })).toThrow(NotFound);
    expect(() => decideTransition(id([Role.GRID_WORKER], '610113', 'w2'), clue(), { action: 'ACCEPT', clueId: 'c1' })).toThrow(NotFound);
    expect(() => decideTransition(id([Role.CLERK], '610113'), clue(), { action: 'ACCEPT', clueId: 'c1' })).toThrow(Forbidden);
    expect(() => decideTransition(id([Role.GRID_WORKER], '610113', 'w1'), clue(), { action: 'ACCEPT', clueId: 'c1' })).toThrow(Forbidden);
  });

  it('refuses an illegal transition naming the current state', () => {
    expect(() => decideTransition(procurator, clue({ status: 'REJECTED' }), { action: 'ACCEPT', clueId: 'c1' })).toThrow(
      expect.objectContaining({ details: { from: 'REJECTED', action: 'ACCEPT' } }),
    );
    expect(() => decideTransition(procurator, clue(), { action: 'OPEN_CASE', clueId: 'c1' })).toThrow(IllegalTransition);
  });
});

describe('opening a case on an assessed clue', () => {
  const assigned = (over: Partial<TransitionSubject>) => clue({ status: 'ASSIGNED', department: 'CRIMINAL', ...over });
  const openCase = { action: 'OPEN_CASE', clueId: 'c1' } as const;

  it('refuses a HIGH-risk clue without a handling plan: CONFLICT with reason HANDLING_PLAN_REQUIRED', () => {
    expect(() => decideTransition(procurator, assigned({ riskLevel: 'HIGH' }), openCase)).toThrow(HandlingPlanRequired);
    expect(() => decideTransition(procurator, assigned({ riskLevel: 'HIGH', handlingPlan: '  ' }), openCase)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { reason: 'HANDLING_PLAN_REQUIRED' } }),
    );
  });

  it('opens the case once the plan is on record, and never asks LOW, MEDIUM or unassessed clues for one', () => {
    expect(decideTransition(procurator, assigned({ riskLevel: 'HIGH', handlingPlan: '稳控预案' }), openCase).to).toBe('CASE_OPENED');
    for (const riskLevel of ['LOW', 'MEDIUM', null] as const) {
      expect(decideTransition(procurator, assigned({ riskLevel }), openCase).to).toBe('CASE_OPENED');
    }
  });

  it('gates only OPEN_CASE: a HIGH-risk clue without a plan may still be closed or transferred', () => {
    expect(decideTransition(procurator, assigned({ riskLevel: 'HIGH' }), { action: 'CLOSE_NO_ACTION', clueId: 'c1', reason: '无' }).to).toBe('CLOSED_NO_ACTION');
    expect(decideTransition(procurator, assigned({ riskLevel: 'HIGH' }), { action: 'TRANSFER', clueId: 'c1', department: 'CIVIL', reason: '移送' }).to).toBe(
      'TRANSFERRED',
    );
  });

  it('names an illegal state before a missing plan', () => {
    expect(() => decideTransition(procurator, clue({ status: 'ACCEPTED', riskLevel: 'HIGH' }), openCase)).toThrow(IllegalTransition);
  });
});

describe('transition inputs', () => {
  it('require a non-blank reason where the state machine does, and a known department', () => {
    expect(transitionInputs.REJECT.safeParse({ clueId: 'c1', reason: '  ' }).error?.issues[0]?.path).toEqual(['reason']);
    expect(transitionInputs.CLOSE_NO_ACTION.safeParse({ clueId: 'c1' }).success).toBe(false);
    expect(transitionInputs.TRANSFER.safeParse({ clueId: 'c1', department: 'NAVY', reason: 'x' }).error?.issues[0]?.path).toEqual(['department']);
    expect(transitionInputs.REJECT.parse({ clueId: 'c1', reason: ' 重复 ' }).reason).toBe('重复');
  });
});
