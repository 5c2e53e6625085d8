import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { count, day, eventsOf, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// Leadership ownership (领导包案) and handler assignment through the graph.
const clerk = identityOf(Role.CLERK, '610113', 'clerk-1', '赵书记员');
const leader = identityOf(Role.LEADER, '610113', 'leader-1', '王检察长');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100', 'admin-1', '市院管理员');

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** A first-time criminal appeal, acknowledged and in progress. */
async function appealInProgress(): Promise<string> {
  h.setNow(day(1));
  const { id } = await h.receiveOk(clerk, { category: 'CRIMINAL_APPEAL', content: '对原判决不服，提出申诉' });
  await h.reply(id, 'PROCEDURAL', clerk);
  await h.mutateOk('startPetitionHandling', { petitionId: id }, clerk);
  return id;
}

describe('leadership ownership', () => {
  it('a first-time criminal appeal cannot be concluded without a leader owner, then can', async () => {
    const id = await appealInProgress();
    expect((await h.petition(id, clerk))!).toMatchObject({ leadershipOwned: true, ownerRequired: true, owner: null, ownerHistory: [] });
    h.setNow(day(30));
    const refused = await h.reply(id, 'RESULT', clerk, '申诉审查结论');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWNER_REQUIRED', from: 'IN_PROGRESS' });
    expect(await count(`SELECT count(*) FROM petition_reply WHERE petition_id = $1 AND kind = 'RESULT'`, [id])).toBe(0);

    const owned = await h.mutateOk('assignPetitionOwner', { petitionId: id, ownerSubject: leader.subject, ownerName: '随便写的' }, leader);
    const owner = { subject: 'leader-1', name: '王检察长', assignedBy: 'leader-1', assignedAt: day(30).toISOString() };
    expect(owned).toMatchObject({ ownerRequired: false, owner, ownerHistory: [owner] });

    const concluded = await h.reply(id, 'RESULT', clerk, '申诉审查结论');
    expect(concluded.errors).toBeUndefined();
    expect(concluded.data!.result.status).toBe('CONCLUDED');
  });

  it('records every change of owner, announces it without naming anyone, and refuses an unverifiable self-assignment', async () => {
    const id = await appealInProgress();
    h.setNow(day(3));
    await h.mutateOk('assignPetitionOwner', { petitionId: id, ownerSubject: 'leader-2', ownerName: '李副检察长' }, leader);
    h.setNow(day(4));
    const changed = await h.mutateOk('assignPetitionOwner', { petitionId: id, ownerSubject: 'leader-3', ownerName: '孙副检察长' }, cityAdmin);
    expect(changed.owner).toEqual({ subject: 'leader-3', name: '孙副检察长', assignedBy: 'admin-1', assignedAt: day(4).toISOString() });
    expect(changed.ownerHistory.map((o) => [o.subject, o.assignedBy])).toEqual([
      ['leader-2', 'leader-1'],
      ['leader-3', 'admin-1'],
    ]);
    // The same owner again changes nothing.
    await h.mutateOk('assignPetitionOwner', { petitionId: id, ownerSubject: 'leader-3', ownerName: '孙副检察长' }, cityAdmin);

    const events = (await eventsOf(id)).filter((e) => e.type === 'petitions.petition.owner-assigned');
    expect(events.map((e) => e.envelope.data)).toEqual([
      { petitionId: id, districtCode: '610113', category: 'CRIMINAL_APPEAL', firstTime: true, reassigned: false, assignedAt: day(3).toISOString() },
      { petitionId: id, districtCode: '610113', category: 'CRIMINAL_APPEAL', firstTime: true, reassigned: true, assignedAt: day(4).toISOString() },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/leader-|检察长|admin-1/);

    const self = await h.mutate('assignPetitionOwner', { petitionId: id, ownerSubject: cityAdmin.subject, ownerName: '市院管理员' }, cityAdmin);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerSubject' });
    const byClerk = await h.mutate('assignPetitionOwner', { petitionId: id, ownerSubject: 'leader-9', ownerName: '某领导' }, clerk);
    expect(byClerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherDistrict = await h.mutate('assignPetitionOwner', { petitionId: id, ownerSubject: 'x', ownerName: 'x' }, identityOf(Role.LEADER, '610102'));
    expect(otherDistrict.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await count(`SELECT count(*) FROM petition_owner_change WHERE petition_id = $1`, [id])).toBe(2);
  });

  it('needs no owner for a repeat petition or another kind', async () => {
    const { id } = await h.receiveOk(clerk, { category: 'STATE_COMPENSATION', firstTime: false });
    const { id: complaint } = await h.receiveOk(clerk, { category: 'COMPLAINT' });
    expect((await h.petition(id, clerk))!).toMatchObject({ leadershipOwned: true, ownerRequired: false });
    expect((await h.petition(complaint, clerk))!).toMatchObject({ leadershipOwned: false, ownerRequired: false });
  });
});

describe('handler assignment', () => {
  it("puts a petition in a handler's queue, by the district's leader; others may not", async () => {
    const { id } = await h.receiveOk(clerk);
    expect((await h.petition(id, clerk))!.handler).toBeNull();
    const assigned = await h.mutateOk('assignPetitionHandler', { petitionId: id, handlerSubject: 'procurator-7' }, leader);
    expect(assigned.handler).toBe('procurator-7');
    expect((await h.mutate('assignPetitionHandler', { petitionId: id, handlerSubject: 'clerk-1' }, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await h.mutate('assignPetitionHandler', { petitionId: id, handlerSubject: ' ' }, leader);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.handlerSubject' });
  });
});
