import { Role } from '@pgov/auth';
import { assignOwnerInput, decideOwner, isLeadershipOwned, ownerRequired, type AssignOwnerInput } from './petition-ownership';
import { assignHandlerInput, decideHandler } from './petition-handler';
import { clerk, cityAdmin, cityLeader, leader, otherDistrictLeader, person, petition, procurator } from './petition-fixtures';
import { PETITION_STATUSES } from './petition-states';

const appeal = petition({ category: 'CRIMINAL_APPEAL' });
const assign = (ownerSubject: string, ownerName = '李副检察长'): AssignOwnerInput => assignOwnerInput.parse({ petitionId: appeal.id, ownerSubject, ownerName });

describe('leadership-owned kinds', () => {
  it('are criminal appeals, state compensation and case-filing supervision', () => {
    expect(['CRIMINAL_APPEAL', 'STATE_COMPENSATION', 'CASE_FILING_SUPERVISION'].every((c) => isLeadershipOwned(c as 'CRIMINAL_APPEAL'))).toBe(true);
    expect(['CIVIL_SUPERVISION', 'ADMINISTRATIVE_SUPERVISION', 'COMPLAINT', 'SUGGESTION'].some((c) => isLeadershipOwned(c as 'COMPLAINT'))).toBe(false);
  });

  it('need an owner when first-time and open, until one is assigned', () => {
    expect(ownerRequired(appeal)).toBe(true);
    expect(ownerRequired({ ...appeal, firstTime: false })).toBe(false);
    expect(ownerRequired({ ...appeal, category: 'COMPLAINT' })).toBe(false);
    expect(ownerRequired({ ...appeal, ownerSubject: 'leader-1' })).toBe(false);
    expect(PETITION_STATUSES.filter((status) => ownerRequired({ ...appeal, status }))).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS']);
  });
});

describe('assigning the owner', () => {
  it("accepts a district leader taking ownership, under the token's name", () => {
    expect(decideOwner(leader, appeal, assign(leader.subject, '别的名字'))).toEqual({ ownerSubject: 'leader-1', ownerName: '王检察长', reassigned: false });
  });

  it('accepts a leader of the district or a city admin vouching for another leader, under the given name', () => {
    expect(decideOwner(leader, appeal, assign('leader-2'))).toEqual({ ownerSubject: 'leader-2', ownerName: '李副检察长', reassigned: false });
    expect(decideOwner(cityAdmin, appeal, assign('leader-2'))).toEqual({ ownerSubject: 'leader-2', ownerName: '李副检察长', reassigned: false });
  });

  it('refuses naming oneself without holding LEADER in the district', () => {
    expect(() => decideOwner(cityAdmin, appeal, assign(cityAdmin.subject))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field: 'input.ownerSubject' }) }),
    );
  });

  it('records a change of owner as a reassignment, and nothing for the same owner again', () => {
    const owned = { ...appeal, ownerSubject: 'leader-1', ownerName: '王检察长' };
    expect(decideOwner(cityAdmin, owned, assign('leader-2'))?.reassigned).toBe(true);
    expect(decideOwner(leader, owned, assign(leader.subject))).toBeNull();
  });

  it('lets only district leaders and city admins assign; another district sees nothing', () => {
    for (const who of [clerk, procurator, cityLeader, person(Role.ANALYST)]) {
      expect(() => decideOwner(who, appeal, assign('leader-2'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(() => decideOwner(otherDistrictLeader, appeal, assign('leader-2'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('changes owners of open petitions only', () => {
    for (const status of ['CONCLUDED', 'CLOSED', 'REFERRED'] as const) {
      expect(() => decideOwner(leader, { ...appeal, status }, assign(leader.subject))).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { from: status } }));
    }
  });
});

describe('assigning the handler', () => {
  const input = assignHandlerInput.parse({ petitionId: appeal.id, handlerSubject: ' procurator-7 ' });

  it("puts an open petition in a handler's queue, by a district leader or city admin", () => {
    expect(decideHandler(leader, appeal, input)).toBe('procurator-7');
    expect(decideHandler(cityAdmin, { ...appeal, status: 'IN_PROGRESS' }, input)).toBe('procurator-7');
    expect(() => decideHandler(procurator, appeal, input)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decideHandler(otherDistrictLeader, appeal, input)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => decideHandler(leader, { ...appeal, status: 'CLOSED' }, input)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { from: 'CLOSED' } }));
  });
});
