import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { eventsOf, panelOf, startHearingHarness, type HearingHarness, type HearingView } from './hearing-harness';

// A hearing's life through the subgraph on the real database and broker: held, opinions recorded,
// concluded by the panel's majority, or cancelled; every illegal move a CONFLICT naming the status.
const procurator = identityOf(Role.PROCURATOR, '610113');
const leader = identityOf(Role.LEADER, '610113');

let h: HearingHarness;

beforeAll(async () => {
  h = await startHearingHarness();
});

afterAll(async () => {
  await h?.stop();
});

const hold = (hearingId: string, who = procurator) => h.mutate('holdHearing', { hearingId }, who);
const opinion = (hearing: HearingView, i: number, value: string, who = procurator) =>
  h.mutate('recordHearingOpinion', { hearingId: hearing.id, panelistId: hearing.panel[i]!.id, opinion: value, text: `听证员${i + 1}的意见` }, who);
const conclude = (hearingId: string, who = procurator) =>
  h.mutate('concludeHearing', { hearingId, adopted: true, administrativeDisputeResolved: true, conclusion: '采纳听证员多数意见，行政争议实质性化解。' }, who);
const cancel = (hearingId: string, who = procurator) => h.mutate('cancelHearing', { hearingId, reason: '申请人撤回申请' }, who);

describe('a hearing from scheduled to concluded', () => {
  it('holds a panel of 5, records 3 SUPPORT and 2 OPPOSE, and concludes with SUPPORT, announcing each step without names', async () => {
    const petitionId = await h.seedPetition();
    const scheduled = await h.scheduleOk(procurator, petitionId, panelOf(5));

    h.setNow('2026-12-02T02:00:00Z');
    expect((await hold(scheduled.id)).data?.result).toMatchObject({ status: 'HELD', heldAt: '2026-12-02T02:00:00.000Z' });
    const votes = ['SUPPORT', 'OPPOSE', 'SUPPORT', 'OPPOSE', 'SUPPORT'];
    // A first opinion corrected while the hearing is held: the last one counts.
    expect((await opinion(scheduled, 0, 'ABSTAIN')).errors).toBeUndefined();
    for (const [i, v] of votes.entries()) expect((await opinion(scheduled, i, v)).errors).toBeUndefined();

    h.setNow('2026-12-02T04:00:00Z');
    const concluded = await conclude(scheduled.id, leader);
    expect(concluded.errors).toBeUndefined();
    expect(concluded.data!.result).toMatchObject({
      status: 'CONCLUDED',
      majorityOpinion: 'SUPPORT',
      adopted: true,
      administrativeDisputeResolved: true,
      conclusion: '采纳听证员多数意见，行政争议实质性化解。',
      concludedAt: '2026-12-02T04:00:00.000Z',
    });
    expect(concluded.data!.result.panel.map((p) => p.opinion)).toEqual(votes);

    expect((await eventsOf(scheduled.id)).map((e) => e.type)).toEqual(['petitions.hearing.scheduled', 'petitions.hearing.held', 'petitions.hearing.concluded']);
    const topic = (await h.hearingTopic()).filter((e) => e.key === scheduled.id);
    expect(topic.map((e) => e.type)).toEqual(['petitions.hearing.scheduled', 'petitions.hearing.held', 'petitions.hearing.concluded']);
    expect(topic[2]!.data).toEqual({
      hearingId: scheduled.id,
      petitionId,
      districtCode: '610113',
      majorityOpinion: 'SUPPORT',
      adopted: true,
      administrativeDisputeResolved: true,
      concludedAt: '2026-12-02T04:00:00.000Z',
    });
    expect(JSON.stringify(topic)).not.toMatch(/外部听证员|王五|听证员\d的意见/);
    h.setNow('2026-11-25T02:00:00Z');
  });

  it('concludes a tie as ABSTAIN', async () => {
    const hearing = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(4));
    await hold(hearing.id);
    for (const [i, v] of ['SUPPORT', 'OPPOSE', 'OPPOSE', 'SUPPORT'].entries()) await opinion(hearing, i, v);
    expect((await conclude(hearing.id)).data?.result).toMatchObject({ status: 'CONCLUDED', majorityOpinion: 'ABSTAIN' });
  });

  it('refuses to conclude before every officer has given an opinion', async () => {
    const hearing = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(3));
    await hold(hearing.id);
    await opinion(hearing, 0, 'SUPPORT');
    await opinion(hearing, 2, 'SUPPORT');
    const res = await conclude(hearing.id);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', missingPanelistIds: [hearing.panel[1]!.id] });
    expect((await eventsOf(hearing.id)).map((e) => e.type)).toEqual(['petitions.hearing.scheduled', 'petitions.hearing.held']);
  });
});

describe('illegal moves and who may make them', () => {
  it('answers every illegal move with a CONFLICT naming the status', async () => {
    const hearing = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(3));
    expect((await opinion(hearing, 0, 'SUPPORT')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'SCHEDULED', action: 'RECORD_OPINION' });
    expect((await conclude(hearing.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'SCHEDULED', action: 'CONCLUDE' });
    await hold(hearing.id);
    expect((await hold(hearing.id)).errors?.[0]).toMatchObject({ message: 'a HELD hearing cannot be held', extensions: { code: 'CONFLICT', status: 'HELD' } });
    expect((await cancel(hearing.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'HELD', action: 'CANCEL' });
    for (let i = 0; i < 3; i++) await opinion(hearing, i, 'OPPOSE');
    expect((await conclude(hearing.id)).data?.result).toMatchObject({ majorityOpinion: 'OPPOSE' });
    for (const move of [hold(hearing.id), cancel(hearing.id), conclude(hearing.id), opinion(hearing, 0, 'SUPPORT')]) {
      expect((await move).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CONCLUDED' });
    }
  });

  it('cancels a scheduled hearing with its reason, and then nothing more', async () => {
    const hearing = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(3));
    expect((await cancel(hearing.id)).data?.result).toMatchObject({ status: 'CANCELLED', cancelReason: '申请人撤回申请', cancelledAt: '2026-11-25T02:00:00.000Z' });
    expect((await eventsOf(hearing.id)).map((e) => e.type)).toEqual(['petitions.hearing.scheduled', 'petitions.hearing.cancelled']);
    expect((await hold(hearing.id)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
    const noReason = await h.mutate('cancelHearing', { hearingId: hearing.id, reason: '  ' }, procurator);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('lets no clerk move a hearing, and answers another district’s hearing as not found', async () => {
    const hearing = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(3));
    expect((await hold(hearing.id, identityOf(Role.CLERK, '610113'))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await hold(hearing.id, identityOf(Role.LEADER, '610102'))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await cancel(hearing.id, identityOf(Role.PROCURATOR, '610102'))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await eventsOf(hearing.id)).map((e) => e.type)).toEqual(['petitions.hearing.scheduled']);
    await hold(hearing.id, identityOf(Role.CITY_ADMIN, '610100'));
    const other = await h.scheduleOk(procurator, await h.seedPetition(), panelOf(3));
    const foreignPanelist = await h.mutate('recordHearingOpinion', { hearingId: hearing.id, panelistId: other.panel[0]!.id, opinion: 'SUPPORT' }, procurator);
    expect(foreignPanelist.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
