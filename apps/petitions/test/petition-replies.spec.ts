import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { count, day, eventsOf, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// "Every letter gets a reply" through the graph: who may reply, what each kind does to the
// petition's state and deadlines, its history and its events.
const clerk = identityOf(Role.CLERK, '610113', 'clerk-1', '赵书记员');
const procurator = identityOf(Role.PROCURATOR, '610113', 'procurator-1', '钱检察官');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('recordPetitionReply', () => {
  it('records a procedural reply sent on day 6 as on time and acknowledges the letter', async () => {
    h.setNow(day(1));
    const { id } = await h.receiveOk(clerk);
    h.setNow(day(6));
    const res = await h.reply(id, 'PROCEDURAL', clerk, ' 您的来信已收到 ');
    expect(res.errors).toBeUndefined();
    const p = res.data!.result;
    expect(p).toMatchObject({
      status: 'ACKNOWLEDGED',
      proceduralRepliedAt: day(6).toISOString(),
      resultRepliedAt: null,
      nextDueAt: '2027-02-20T01:00:00.000Z',
      overdue: false,
      handler: null,
    });
    expect(p.replies).toEqual([{ id: expect.any(String), kind: 'PROCEDURAL', text: '您的来信已收到', authorName: '赵书记员', repliedAt: day(6).toISOString(), onTime: true }]);
    expect(p.history.map((t) => [t.from, t.to, t.by])).toEqual([
      [null, 'RECEIVED', 'clerk-1'],
      ['RECEIVED', 'ACKNOWLEDGED', 'clerk-1'],
    ]);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['petitions.petition.received', 'petitions.petition.transitioned', 'petitions.petition.replied']);
    expect(events[2]!.envelope).toMatchObject({
      subject: id,
      district: '610113',
      time: day(6).toISOString(),
      data: { petitionId: id, districtCode: '610113', kind: 'PROCEDURAL', repliedAt: day(6).toISOString(), dueAt: '2026-11-27T01:00:00.000Z', onTime: true },
    });
    // The partner-readable events carry neither the reply's text nor who wrote it.
    expect(JSON.stringify(events)).not.toMatch(/您的来信已收到|赵书记员|clerk-1/);
    expect(await count(`SELECT count(*) FROM petition_reply WHERE petition_id = $1 AND author_subject = 'clerk-1'`, [id])).toBe(1);
  });

  it('takes the letter through progress, handling and the result to closing, each step in its history and on its topic', async () => {
    h.setNow(day(1));
    const { id } = await h.receiveOk(clerk);
    h.setNow(day(8));
    const late = await h.reply(id, 'PROCEDURAL', clerk);
    expect(late.data!.result.replies[0]!.onTime).toBe(false);
    await h.mutateOk('startPetitionHandling', { petitionId: id, note: '分配承办' }, procurator);
    h.setNow(day(40));
    const progress = (await h.reply(id, 'PROGRESS', procurator, '正在调查核实')).data!.result;
    expect(progress).toMatchObject({ status: 'IN_PROGRESS', resultRepliedAt: day(40).toISOString(), nextDueAt: null, overdue: false });
    h.setNow(day(100));
    const concluded = (await h.reply(id, 'RESULT', procurator, '经审查，作出如下答复')).data!.result;
    expect(concluded).toMatchObject({ status: 'CONCLUDED', resultRepliedAt: day(40).toISOString(), nextDueAt: null });
    expect(concluded.replies.map((r) => [r.kind, r.onTime])).toEqual([
      ['PROCEDURAL', false],
      ['PROGRESS', true],
      ['RESULT', false],
    ]);
    const closed = await h.mutateOk('closePetition', { petitionId: id }, cityAdmin);
    expect(closed.history.map((t) => t.to)).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'CONCLUDED', 'CLOSED']);
    expect(closed.history[2]).toMatchObject({ from: 'ACKNOWLEDGED', note: '分配承办', by: 'procurator-1', at: day(8).toISOString() });
    const types = (await eventsOf(id)).map((e) => e.type);
    expect(types.filter((t) => t === 'petitions.petition.replied')).toHaveLength(3);
    expect(types.filter((t) => t === 'petitions.petition.transitioned')).toHaveLength(4);
    const onKafka = (await h.readTopic('petitions.petition.v1')).filter((m) => m.key === id);
    expect(onKafka.map((m) => m.type)).toEqual(types);
  });

  it("lets the district's clerks, procurators, leaders and city admins reply; another district gets NOT_FOUND, others FORBIDDEN, and nothing is written", async () => {
    const { id } = await h.receiveOk(clerk);
    const before = await count(`SELECT count(*) FROM petition_reply`);
    const other = await h.reply(id, 'PROCEDURAL', identityOf(Role.PROCURATOR, '610102'));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(other.errors?.[0]?.message).not.toMatch(/610113/);
    for (const who of [identityOf(Role.ANALYST, '610113'), identityOf(Role.HEARING_OFFICER, '610113'), identityOf(Role.LEADER, '610100')]) {
      expect((await h.reply(id, 'PROCEDURAL', who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count(`SELECT count(*) FROM petition_reply`)).toBe(before);
    expect((await h.petition(id, clerk))!.status).toBe('RECEIVED');
    const leader = identityOf(Role.LEADER, '610113');
    expect((await h.reply(id, 'PROCEDURAL', leader)).errors).toBeUndefined();
  });

  it('refuses bad input naming the field, and a second procedural reply as a CONFLICT naming the status', async () => {
    const { id } = await h.receiveOk(clerk);
    const blank = await h.mutate('recordPetitionReply', { petitionId: id, kind: 'PROCEDURAL', text: '   ' }, clerk);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    await h.reply(id, 'PROCEDURAL', clerk);
    const twice = await h.reply(id, 'PROCEDURAL', clerk);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'ACKNOWLEDGED', kind: 'PROCEDURAL' });
    const early = await h.reply(id, 'RESULT', clerk);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'ACKNOWLEDGED', action: 'CONCLUDE' });
    expect(await count(`SELECT count(*) FROM petition_reply WHERE petition_id = $1`, [id])).toBe(1);
  });

  it('serialises concurrent procedural replies to one petition: one is recorded, the other refused', async () => {
    const { id } = await h.receiveOk(clerk);
    const results = await Promise.all([h.reply(id, 'PROCEDURAL', clerk), h.reply(id, 'PROCEDURAL', procurator), h.reply(id, 'PROCEDURAL', cityAdmin)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await count(`SELECT count(*) FROM outbox_event WHERE key = $1 AND type = 'petitions.petition.replied'`, [id])).toBe(1);
  });
});
