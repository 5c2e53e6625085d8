import { randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { count, eventsOf, external, freshIdNumber, inDays, member, panelOf, startHearingHarness, type HearingHarness } from './hearing-harness';

// Scheduling public hearings through the subgraph on the real database and broker: who may, the
// panel's size and form, and who may sit (once per petition, never on their own petition).
const procurator = identityOf(Role.PROCURATOR, '610113');
const clerk = identityOf(Role.CLERK, '610113');
const otherProcurator = identityOf(Role.PROCURATOR, '610102');
const wrongCheckDigit = (n: string) => n.slice(0, 17) + (n.endsWith('0') ? '1' : '0');
const hearings = () => count(`SELECT count(*) FROM hearing`);
const panelists = () => count(`SELECT count(*) FROM hearing_panelist`);

let h: HearingHarness;

beforeAll(async () => {
  h = await startHearingHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('scheduleHearing', () => {
  it('schedules a panel of 5 for a petition, with its event in the outbox and officers by reference', async () => {
    const petitionId = await h.seedPetition();
    const members = [member(), member(), member(), member()];
    const hearing = await h.scheduleOk(procurator, petitionId, [...members, external('外部听证员4')]);
    expect(hearing).toMatchObject({ status: 'SCHEDULED', districtCode: '610113', scheduledFor: inDays(7), venue: '雁塔区综治中心行政争议化解室', petition: { id: petitionId } });
    // In the order given: members as federated references, the external officer by kind and name.
    expect(hearing.panel.map((p) => p.officer)).toEqual([...members.map((p) => ({ id: p.memberId })), null]);
    expect(hearing.panel[4]).toMatchObject({ externalKind: 'LAWYER', externalName: '外部听证员4', opinion: null });
    const events = await eventsOf(hearing.id);
    expect(events.map((e) => e.type)).toEqual(['petitions.hearing.scheduled']);
    expect(events[0]!.envelope).toMatchObject({ district: '610113', data: { hearingId: hearing.id, petitionId, scheduledFor: inDays(7), panelSize: 5 } });
    expect(JSON.stringify(events[0]!.envelope)).not.toMatch(/外部听证员|memberId|externalName/);
  });

  it('keeps only the keyed hash of an external officer’s ID number', async () => {
    const idNumber = freshIdNumber();
    await h.scheduleOk(procurator, await h.seedPetition(), [member(), member(), external('赵公证', idNumber, 'NOTARY')]);
    const dump = await h.dump();
    expect(dump).toContain('赵公证');
    expect(dump).not.toContain(idNumber.slice(0, 17));
  });

  it('refuses a panel of 2 or 8 naming the bounds, and writes nothing', async () => {
    const petitionId = await h.seedPetition();
    const [before, beforePanelists] = [await hearings(), await panelists()];
    for (const n of [2, 8]) {
      const res = await h.schedule(procurator, petitionId, panelOf(n));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.panel', reason: 'must have from 3 to 7 officers' });
    }
    expect([await hearings(), await panelists()]).toEqual([before, beforePanelists]);
  });

  it('takes exactly one form per officer, and a valid ID number for an external one', async () => {
    const petitionId = await h.seedPetition();
    const both = await h.schedule(procurator, petitionId, [member(), { ...member(), ...external() }, member()]);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.panel.1' });
    const neither = await h.schedule(procurator, petitionId, [member(), member(), {}]);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.panel.2' });
    const badId = await h.schedule(procurator, petitionId, [member(), member(), external('李', wrongCheckDigit(freshIdNumber()))]);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.panel.2.externalIdNumber' });
  });

  it('takes a time in the future only', async () => {
    const res = await h.schedule(procurator, await h.seedPetition(), panelOf(3), { scheduledFor: inDays(0, -1) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scheduledFor', reason: 'must be in the future' });
  });

  it('lets no clerk schedule, and answers another district’s petition as not found', async () => {
    const petitionId = await h.seedPetition();
    const before = await hearings();
    expect((await h.schedule(clerk, petitionId, panelOf(3))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.schedule(identityOf(Role.HEARING_OFFICER, '610113'), petitionId, panelOf(3))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.schedule(otherProcurator, petitionId, panelOf(3))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.schedule(procurator, randomUUID(), panelOf(3))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await hearings()).toBe(before);
    // Leaders of the district and city admins do.
    await h.scheduleOk(identityOf(Role.LEADER, '610113'), petitionId, panelOf(3));
    await h.scheduleOk(identityOf(Role.CITY_ADMIN, '610100'), petitionId, panelOf(3));
  });

  it.each(['CLOSED', 'REFERRED'] as const)('refuses a %s petition as a conflict', async (status) => {
    const res = await h.schedule(procurator, await h.seedPetition('610113', { status }), panelOf(3));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status });
  });
});

describe('who may sit', () => {
  it('refuses the same officer twice on one panel', async () => {
    const officer = member();
    const res = await h.schedule(procurator, await h.seedPetition(), [officer, member(), officer]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 2, field: 'input.panel.2' });
    const idNumber = freshIdNumber();
    const twice = await h.schedule(procurator, await h.seedPetition(), [external('甲', idNumber), member(), external('乙', idNumber)]);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 2 });
  });

  it('refuses an officer on a second hearing of the same petition, until the first is cancelled', async () => {
    const petitionId = await h.seedPetition();
    const officer = member();
    const lawyer = external('钱律师');
    const first = await h.scheduleOk(procurator, petitionId, [officer, member(), lawyer]);
    const before = [await hearings(), await panelists()];

    const again = await h.schedule(procurator, petitionId, [member(), officer, member()], { scheduledFor: inDays(14) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 1, hearingId: first.id, reason: expect.stringMatching(/already sits/) });
    const externalAgain = await h.schedule(procurator, petitionId, [member(), member(), { ...lawyer, externalName: '钱某' }], { scheduledFor: inDays(14) });
    expect(externalAgain.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 2, hearingId: first.id });
    expect([await hearings(), await panelists()]).toEqual(before);

    // Another petition's hearing is no conflict.
    await h.scheduleOk(procurator, await h.seedPetition(), [officer, member(), lawyer]);

    await h.mutateOk('cancelHearing', { hearingId: first.id, reason: '当事人申请延期' }, procurator);
    const second = await h.scheduleOk(procurator, petitionId, [member(), officer, lawyer], { scheduledFor: inDays(14) });
    expect(second.panel[1]!.officer).toEqual({ id: officer.memberId });
  });

  it('queues concurrent schedulings of one petition: one panel gets the officer, the other a conflict', async () => {
    const petitionId = await h.seedPetition();
    const officer = member();
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => h.schedule(procurator, petitionId, [member(), officer, member()], { scheduledFor: inDays(7 + i) })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(3);
    expect(await count(`SELECT count(*) FROM hearing_panelist WHERE member_id = $1`, [officer.memberId])).toBe(1);
  });

  it('refuses the petitioner as officer, by member id', async () => {
    const petitionerMemberId = randomUUID();
    const petitionId = await h.seedPetition('610113', { petitionerMemberId });
    const res = await h.schedule(procurator, petitionId, [member(), member(), member(petitionerMemberId)]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 2, reason: expect.stringMatching(/petitioner/) });
  });

  it('refuses the petitioner as external officer, by ID number, for a petition received through the graph', async () => {
    const idNumber = freshIdNumber();
    const petitionerMemberId = randomUUID();
    const received = await h.as<{ receivePetition: { id: string } }>(clerk, `mutation($input: ReceivePetitionInput!) { receivePetition(input: $input) { id } }`, {
      input: {
        channel: 'VISIT',
        category: 'ADMINISTRATIVE_SUPERVISION',
        firstTime: true,
        content: '不服区人社局工伤认定决定',
        petitionerName: '孙七',
        petitionerIdNumber: idNumber,
        petitionerMemberId,
        receivedAt: inDays(-3),
      },
    });
    expect(received.errors).toBeUndefined();
    const petitionId = received.data!.receivePetition.id;
    const byNumber = await h.schedule(procurator, petitionId, [member(), external('孙七', idNumber, 'PEOPLES_SUPERVISOR'), member()]);
    expect(byNumber.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 1, reason: expect.stringMatching(/petitioner/) });
    const byMember = await h.schedule(procurator, petitionId, [member(petitionerMemberId), member(), member()]);
    expect(byMember.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 0 });
    await h.scheduleOk(procurator, petitionId, [member(), external('周八'), member()]);
  });

  it('refuses the petitioner of a first-release petition whose number is still in clear', async () => {
    const idNumber = freshIdNumber();
    const petitionId = await h.seedPetition('610113', { petitionerIdNumber: idNumber });
    const res = await h.schedule(procurator, petitionId, [external('王五', idNumber), member(), member()]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', panelIndex: 0 });
  });
});
