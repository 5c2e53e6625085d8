import { IllegalTransition, isOpen, nextStatus, PETITION_ACTIONS, PETITION_STATUSES, type PetitionAction, type PetitionStatus } from './petition-states';

// Every legal pair, written out: anything not listed here must be refused.
const LEGAL: Record<PetitionAction, Partial<Record<PetitionStatus, PetitionStatus>>> = {
  ACKNOWLEDGE: { RECEIVED: 'ACKNOWLEDGED' },
  START: { ACKNOWLEDGED: 'IN_PROGRESS' },
  CONCLUDE: { IN_PROGRESS: 'CONCLUDED' },
  CLOSE: { CONCLUDED: 'CLOSED' },
  REFER: { RECEIVED: 'REFERRED', ACKNOWLEDGED: 'REFERRED', IN_PROGRESS: 'REFERRED' },
};

describe('petition states', () => {
  const pairs = PETITION_ACTIONS.flatMap((action) => PETITION_STATUSES.map((from) => [action, from] as const));

  it.each(pairs.filter(([action, from]) => LEGAL[action][from]))('%s from %s is legal', (action, from) => {
    expect(nextStatus(from, action)).toBe(LEGAL[action][from]);
  });

  it.each(pairs.filter(([action, from]) => !LEGAL[action][from]))('%s from %s is a CONFLICT naming the current status', (action, from) => {
    let error: unknown;
    try {
      nextStatus(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalTransition);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { from, action } });
  });

  it('counts 30 pairs: 7 legal, 23 refused', () => {
    expect(pairs).toHaveLength(30);
    expect(pairs.filter(([a, f]) => LEGAL[a][f])).toHaveLength(7);
  });

  it('holds RECEIVED, ACKNOWLEDGED and IN_PROGRESS open, nothing else', () => {
    expect(PETITION_STATUSES.filter(isOpen)).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS']);
  });
});
