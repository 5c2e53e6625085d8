import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { count, day, eventsOf, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// Starting, closing and referring through the graph: illegal transitions are CONFLICTs naming the
// current status; a referral enqueues exactly one petitions.referral.made for the clues service.
const clerk = identityOf(Role.CLERK, '610113', 'clerk-1');
const procurator = identityOf(Role.PROCURATOR, '610113', 'procurator-1');

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness();
});

afterAll(async () => {
  await h?.stop();
});

const referral = (petitionId: string, overrides: Record<string, unknown> = {}) => ({
  petitionId,
  clueCategory: 'PUBLIC_INTEREST_ECOLOGY',
  title: '工厂向河道排放污水',
  description: '来信反映某工厂夜间向河道排放污水，周边居民受影响',
  ...overrides,
});

describe('illegal transitions', () => {
  it('refuses each with CONFLICT naming the current status, and changes nothing', async () => {
    const { id } = await h.receiveOk(clerk);
    const start = await h.mutate('startPetitionHandling', { petitionId: id }, clerk);
    expect(start.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'RECEIVED', action: 'START' });
    const close = await h.mutate('closePetition', { petitionId: id }, clerk);
    expect(close.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'RECEIVED', action: 'CLOSE' });
    await h.reply(id, 'PROCEDURAL', clerk);
    await h.mutateOk('startPetitionHandling', { petitionId: id }, clerk);
    const startAgain = await h.mutate('startPetitionHandling', { petitionId: id }, clerk);
    expect(startAgain.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'IN_PROGRESS' });
    const p = (await h.petition(id, clerk))!;
    expect(p.history.map((t) => t.to)).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS']);
  });

  it('answers NOT_FOUND for another district and an unknown id, FORBIDDEN for a non-handler', async () => {
    const { id } = await h.receiveOk(clerk);
    await h.reply(id, 'PROCEDURAL', clerk);
    for (const petitionId of [id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await h.mutate('startPetitionHandling', { petitionId }, identityOf(Role.PROCURATOR, petitionId === id ? '610102' : '610113'));
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await h.mutate('startPetitionHandling', { petitionId: id }, identityOf(Role.ANALYST, '610113'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('referPetition', () => {
  it('refers a petition once: a referral id, the time, one petitions.referral.made without petitioner data', async () => {
    h.setNow(day(3));
    const { id } = await h.receiveOk(clerk, { petitionerName: '李四海' });
    const referred = await h.mutateOk('referPetition', referral(id), procurator);
    expect(referred).toMatchObject({ status: 'REFERRED', referredAt: day(3).toISOString(), referralId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // The procedural reply is still owed to the petitioner.
    expect(referred.nextDueAt).toBe(day(7).toISOString());
    expect(referred.history.at(-1)).toMatchObject({ from: 'RECEIVED', to: 'REFERRED', by: 'procurator-1', note: '工厂向河道排放污水' });

    const again = await h.mutate('referPetition', referral(id), procurator);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'REFERRED', action: 'REFER' });

    const referralId = referred.referralId!;
    const events = await eventsOf(referralId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'petitions.referral.made',
      envelope: {
        subject: referralId,
        district: '610113',
        data: {
          referralId,
          petitionId: id,
          districtCode: '610113',
          clueCategory: 'PUBLIC_INTEREST_ECOLOGY',
          title: '工厂向河道排放污水',
          description: '来信反映某工厂夜间向河道排放污水，周边居民受影响',
          referredBy: 'procurator-1',
          referredAt: day(3).toISOString(),
        },
      },
    });
    expect(JSON.stringify(events)).not.toMatch(/李四海|6101131985|1391234/);
    expect(await count(`SELECT count(*) FROM outbox_event WHERE type = 'petitions.referral.made'`)).toBe(1);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['petitions.petition.received', 'petitions.petition.transitioned']);
    const onKafka = await h.readTopic('petitions.referral.v1');
    expect(onKafka.map((m) => m.key)).toEqual([referralId]);
  });

  it("refuses a summary naming the petitioner or carrying a number, an unknown clue category, and a concluded petition", async () => {
    const { id } = await h.receiveOk(clerk, { petitionerName: '王五常' });
    const named = await h.mutate('referPetition', referral(id, { description: '王五常反映工厂排污' }), clerk);
    expect(named.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description', reason: "must not contain the petitioner's name" });
    const phone = await h.mutate('referPetition', referral(id, { title: '联系13912345678' }), clerk);
    expect(phone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const category = await h.mutate('referPetition', referral(id, { clueCategory: 'GOSSIP' }), clerk);
    expect(category.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueCategory' });
    expect((await h.petition(id, clerk))!.status).toBe('RECEIVED');
    expect(await count(`SELECT count(*) FROM outbox_event WHERE type = 'petitions.referral.made' AND envelope->'data'->>'petitionId' = $1`, [id])).toBe(0);
  });
});
