import { decideTransition, transitionInput } from './petition-transition';
import { analyst, cityAdmin, clerk, day, otherDistrictLeader, petition, RESULT_DUE } from './petition-fixtures';

const input = transitionInput.parse({ petitionId: petition().id, note: '  ' });

describe('starting and closing', () => {
  it('starts an acknowledged petition (the 3-month deadline still owed) and closes a concluded one', () => {
    const acknowledged = petition({ status: 'ACKNOWLEDGED', proceduralRepliedAt: day(1) });
    expect(decideTransition(clerk, acknowledged, 'START', input)).toEqual({ from: 'ACKNOWLEDGED', to: 'IN_PROGRESS', note: null, nextDueAt: RESULT_DUE });
    const concluded = petition({ status: 'CONCLUDED', proceduralRepliedAt: day(1), resultRepliedAt: day(50) });
    const withNote = transitionInput.parse({ petitionId: concluded.id, note: ' 已办结归档 ' });
    expect(decideTransition(cityAdmin, concluded, 'CLOSE', withNote)).toEqual({ from: 'CONCLUDED', to: 'CLOSED', note: '已办结归档', nextDueAt: null });
  });

  it('refuses what the state machine does not allow, naming the current status', () => {
    expect(() => decideTransition(clerk, petition(), 'START', input)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { from: 'RECEIVED', action: 'START' } }));
    expect(() => decideTransition(clerk, petition({ status: 'IN_PROGRESS' }), 'CLOSE', input)).toThrow(expect.objectContaining({ details: { from: 'IN_PROGRESS', action: 'CLOSE' } }));
  });

  it('is FORBIDDEN to non-handlers of the district and NOT_FOUND to another district', () => {
    expect(() => decideTransition(analyst, petition({ status: 'ACKNOWLEDGED' }), 'START', input)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decideTransition(otherDistrictLeader, petition({ status: 'ACKNOWLEDGED' }), 'START', input)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
