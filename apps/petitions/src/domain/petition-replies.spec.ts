import { Role } from '@pgov/auth';
import { decideReply, replyInput, type ReplyInput } from './petition-replies';
import { analyst, cityAdmin, cityLeader, clerk, day, gridWorker, leader, otherDistrictLeader, person, petition, procurator, PROCEDURAL_DUE, RESULT_DUE } from './petition-fixtures';
import type { PetitionStatus } from './petition-states';

const reply = (kind: ReplyInput['kind'], petitionId = petition().id): ReplyInput => replyInput.parse({ petitionId, kind, text: ' 已收到您的来信 ' });
const acknowledged = petition({ status: 'ACKNOWLEDGED', proceduralRepliedAt: day(2) });
const inProgress = petition({ status: 'IN_PROGRESS', proceduralRepliedAt: day(2) });

describe('recording a reply', () => {
  it('acknowledges a received petition with the procedural reply: on time on day 6, and the 3-month deadline is next', () => {
    const r = decideReply(clerk, petition(), reply('PROCEDURAL'), day(6));
    expect(r).toMatchObject({
      kind: 'PROCEDURAL',
      text: '已收到您的来信',
      onTime: true,
      dueAt: PROCEDURAL_DUE,
      transition: { from: 'RECEIVED', to: 'ACKNOWLEDGED' },
      proceduralRepliedAt: day(6),
      resultRepliedAt: null,
      nextDueAt: RESULT_DUE,
    });
  });

  it('records a procedural reply after the deadline as late', () => {
    expect(decideReply(clerk, petition(), reply('PROCEDURAL'), day(8)).onTime).toBe(false);
  });

  it('sends the procedural reply once, and to a referred petition without changing its state', () => {
    expect(() => decideReply(clerk, acknowledged, reply('PROCEDURAL'), day(3))).toThrow(/already sent/);
    const referred = decideReply(clerk, petition({ status: 'REFERRED' }), reply('PROCEDURAL'), day(3));
    expect(referred).toMatchObject({ transition: null, nextDueAt: null, proceduralRepliedAt: day(3) });
  });

  it('answers the 3-month deadline with the first progress reply, keeping the state', () => {
    const r = decideReply(procurator, inProgress, reply('PROGRESS'), day(30));
    expect(r).toMatchObject({ transition: null, onTime: true, dueAt: RESULT_DUE, resultRepliedAt: day(30), nextDueAt: null });
    const second = decideReply(procurator, petition({ ...inProgress, resultRepliedAt: day(30) }), reply('PROGRESS'), day(100));
    expect(second).toMatchObject({ onTime: false, resultRepliedAt: day(30) });
  });

  it('concludes a petition in progress with the result reply', () => {
    expect(decideReply(leader, inProgress, reply('RESULT'), day(60))).toMatchObject({
      transition: { from: 'IN_PROGRESS', to: 'CONCLUDED' },
      onTime: true,
      resultRepliedAt: day(60),
      nextDueAt: null,
    });
  });

  it.each<[ReplyInput['kind'], PetitionStatus[]]>([
    ['PROCEDURAL', ['CLOSED']],
    ['PROGRESS', ['RECEIVED', 'CONCLUDED', 'CLOSED', 'REFERRED']],
    ['RESULT', ['RECEIVED', 'ACKNOWLEDGED', 'CONCLUDED', 'CLOSED', 'REFERRED']],
  ])('refuses a %s reply in %j with CONFLICT naming the status', (kind, statuses) => {
    for (const status of statuses) {
      const p = petition({ status, proceduralRepliedAt: status === 'CLOSED' ? null : day(1) });
      expect(() => decideReply(clerk, kind === 'PROCEDURAL' ? p : { ...p, proceduralRepliedAt: day(1) }, reply(kind), day(10))).toThrow(
        expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ from: status }) }),
      );
    }
  });

  it('will not conclude a first-time petition of the three kinds without a leader owner', () => {
    for (const category of ['CRIMINAL_APPEAL', 'STATE_COMPENSATION', 'CASE_FILING_SUPERVISION'] as const) {
      const p = petition({ ...inProgress, category });
      expect(() => decideReply(clerk, p, reply('RESULT'), day(60))).toThrow(
        expect.objectContaining({ code: 'CONFLICT', details: { reason: 'OWNER_REQUIRED', from: 'IN_PROGRESS' } }),
      );
      expect(decideReply(clerk, { ...p, ownerSubject: 'leader-1', ownerName: '王检察长' }, reply('RESULT'), day(60)).transition?.to).toBe('CONCLUDED');
      // A repeat petition of the same kind needs no owner.
      expect(decideReply(clerk, { ...p, firstTime: false }, reply('RESULT'), day(60)).transition?.to).toBe('CONCLUDED');
    }
  });

  it("lets the district's procurators, leaders and clerks and city admins reply; hides it from another district", () => {
    for (const who of [clerk, procurator, leader, cityAdmin]) expect(() => decideReply(who, petition(), reply('PROCEDURAL'), day(1))).not.toThrow();
    for (const who of [cityLeader, person(Role.PROCURATOR, '610100'), analyst, gridWorker]) {
      expect(() => decideReply(who, petition(), reply('PROCEDURAL'), day(1))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    for (const who of [otherDistrictLeader, person(Role.CLERK, '610102')]) {
      expect(() => decideReply(who, petition(), reply('PROCEDURAL'), day(1))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    expect(() => decideReply(clerk, null, reply('PROCEDURAL'), day(1))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('requires a kind and a text', () => {
    const bad = replyInput.safeParse({ petitionId: 'x', kind: 'THANKS', text: '  ' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['kind', expect.stringMatching(/Expected 'PROCEDURAL' \| 'PROGRESS' \| 'RESULT'/)],
      ['text', 'is required'],
    ]);
  });
});
