import { Role, type Identity } from '@pgov/auth';
import { petitionDeadlineMissed, petitionReferralMade } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { deleteNamespace, identityOf, testDatabaseUrl, testNamespace, waitFor, withPg } from '@pgov/testing';
import { caughtUp, readTopic } from './kafka-helpers';
import { gatewayCalls, startPlatform, type Platform } from './platform';

// Petitions & hearings end to end through the gateway, on the real broker and databases. The
// petitions service sweeps deadlines every 200 ms; letters are registered as received days ago.

const namespace = testNamespace();
let platform: Platform;
const district = '610113';
const admin = identityOf(Role.CITY_ADMIN, '610100');
const clerk = identityOf(Role.CLERK, district);
const procurator = identityOf(Role.PROCURATOR, district);
const leader = identityOf(Role.LEADER, district, undefined, '院领导');
const DAY = 86_400_000;
const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const officers: string[] = [];

const { as, ok } = gatewayCalls(() => platform);

const PETITION = `id status overdue ownerRequired replies { kind onTime } history { to }`;
type PetitionOut = { id: string; status: string; overdue: boolean; ownerRequired: boolean; replies: { kind: string; onTime: boolean }[] };
const receive = async (over: Record<string, unknown> = {}) =>
  (
    await ok<{ receivePetition: PetitionOut }>(clerk, `mutation($input: ReceivePetitionInput!) { receivePetition(input: $input) { ${PETITION} } }`, {
      input: { channel: 'LETTER', category: 'COMPLAINT', firstTime: true, content: '反映某单位长期拖欠工资。', petitionerName: '张三丰', petitionerIdNumber: idNumber('61011319700101123'), petitionerPhone: '13912345678', ...over },
    })
  ).receivePetition;
const reply = (petitionId: string, kind: string, who: Identity = procurator) =>
  as<{ recordPetitionReply: PetitionOut }>(who, `mutation($input: RecordPetitionReplyInput!) { recordPetitionReply(input: $input) { ${PETITION} } }`, {
    input: { petitionId, kind, text: kind === 'PROCEDURAL' ? '来信已收到，已依法受理。' : '经审查，答复如下。' },
  });

beforeAll(async () => {
  platform = await startPlatform(namespace, { env: { petitions: { OVERDUE_SWEEP_MS: '200' } } });
  const csv = ['level,code,name,parent_code', 'STREET,610113-H1,小寨路街道,610113', 'COMMUNITY,610113-H1-01,长延堡社区,610113-H1', 'GRID,610113-H1-01-01,第一网格,610113-H1-01'].join('\n');
  await ok(admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv } });
  const kinds = ['LAWYER', 'NOTARY', 'PEOPLES_CONGRESS_DEPUTY', 'CPPCC_MEMBER'];
  for (const [i, kind] of kinds.entries()) {
    const registered = await ok<{ registerMember: { id: string } }>(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
      input: { name: `听证员${i + 1}`, team: 'HEARING_OFFICER', hearingOfficerKind: kind, gridCode: '610113-H1-01-01', phone: `1371234560${i}`, idNumber: idNumber(`610113197501${i + 10}123`) },
    });
    officers.push(registered.registerMember.id);
  }
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('every letter gets a reply', () => {
  it('counts a procedural reply on day 6 as on time, and announces a letter unanswered on day 8 as overdue once', async () => {
    const day6 = await receive({ receivedAt: new Date(Date.now() - 6 * DAY).toISOString() });
    expect((await reply(day6.id, 'PROCEDURAL')).data?.recordPetitionReply).toMatchObject({ status: 'ACKNOWLEDGED', replies: [{ kind: 'PROCEDURAL', onTime: true }] });

    const day8 = await receive({ receivedAt: new Date(Date.now() - 8 * DAY).toISOString() });
    const topic = namespace + petitionDeadlineMissed.topic;
    const missed = async () =>
      readTopic(platform.kafka, topic, `${namespace}e2e-missed-${Date.now()}`, (m) => {
        const e = JSON.parse(String(m.value));
        return e.type === petitionDeadlineMissed.type && e.data.petitionId === day8.id;
      });
    expect((await missed()).map((m) => JSON.parse(String(m.value)).data.kind)).toEqual(['PROCEDURAL']);
    await new Promise((r) => setTimeout(r, 1_000)); // several more sweeps
    expect(await missed()).toHaveLength(1);
    expect((await reply(day8.id, 'PROCEDURAL')).data?.recordPetitionReply).toMatchObject({ replies: [{ kind: 'PROCEDURAL', onTime: false }] });
  });

  it('refuses to conclude a first-time criminal appeal without a leader owning it', async () => {
    const appeal = await receive({ category: 'CRIMINAL_APPEAL' });
    expect(appeal.ownerRequired).toBe(true);
    await reply(appeal.id, 'PROCEDURAL');
    await ok(procurator, `mutation($input: PetitionTransitionInput!) { startPetitionHandling(input: $input) { status } }`, { input: { petitionId: appeal.id } });
    const refused = await reply(appeal.id, 'RESULT');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWNER_REQUIRED' });
    await ok(leader, `mutation($input: AssignPetitionOwnerInput!) { assignPetitionOwner(input: $input) { id } }`, {
      input: { petitionId: appeal.id, ownerSubject: leader.subject, ownerName: leader.name },
    });
    expect((await reply(appeal.id, 'RESULT')).data?.recordPetitionReply).toMatchObject({ status: 'CONCLUDED', ownerRequired: false });
  });
});

describe('public hearings', () => {
  const SCHEDULE = `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id status panel { id officer { id } externalName } } }`;
  const panelOf = (n: number) => [
    ...officers.slice(0, Math.min(n, officers.length)).map((memberId) => ({ memberId })),
    ...Array.from({ length: Math.max(0, n - officers.length) }, (_, i) => ({ externalKind: 'LAWYER', externalName: `外部律师${i + 1}`, externalIdNumber: idNumber(`610103198002${i + 10}123`) })),
  ];
  const schedule = (petitionId: string, n: number) =>
    as<{ scheduleHearing: { id: string; panel: { id: string }[] } }>(procurator, SCHEDULE, {
      input: { petitionId, subject: '行政争议公开听证', scheduledFor: new Date(Date.now() + 3 * DAY).toISOString(), venue: '雁塔区综治中心行政争议化解室', panel: panelOf(n) },
    });

  it('refuses a panel of 2 or 8, and holds a panel of 5 to a conclusion by majority, its officers resolved through the graph', async () => {
    const petition = await receive({ category: 'ADMINISTRATIVE_SUPERVISION' });
    for (const n of [2, 8]) expect((await schedule(petition.id, n)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.panel' });
    const scheduled = await schedule(petition.id, 5);
    expect(scheduled.errors).toBeUndefined();
    const hearing = scheduled.data!.scheduleHearing;
    await ok(procurator, `mutation($input: HearingInput!) { holdHearing(input: $input) { status } }`, { input: { hearingId: hearing.id } });
    const opinions = ['SUPPORT', 'SUPPORT', 'OPPOSE', 'SUPPORT', 'OPPOSE'];
    for (const [i, panelist] of hearing.panel.entries()) {
      await ok(procurator, `mutation($input: RecordHearingOpinionInput!) { recordHearingOpinion(input: $input) { id } }`, {
        input: { hearingId: hearing.id, panelistId: panelist.id, opinion: opinions[i], text: '意见' },
      });
    }
    const concluded = await ok<{ concludeHearing: Record<string, unknown> }>(
      procurator,
      `mutation($input: ConcludeHearingInput!) { concludeHearing(input: $input) { status majorityOpinion adopted administrativeDisputeResolved panel { officer { id name kind active } externalName } } }`,
      { input: { hearingId: hearing.id, adopted: true, administrativeDisputeResolved: true, conclusion: '听证员多数意见支持，检察院予以采纳，行政争议实质性化解。' } },
    );
    expect(concluded.concludeHearing).toMatchObject({ status: 'CONCLUDED', majorityOpinion: 'SUPPORT', adopted: true, administrativeDisputeResolved: true });
    const panel = concluded.concludeHearing.panel as { officer: { name: string; kind: string; active: boolean } | null; externalName: string | null }[];
    expect(panel.filter((p) => p.officer).map((p) => p.officer!.kind).sort()).toEqual(['CPPCC_MEMBER', 'LAWYER', 'NOTARY', 'PEOPLES_CONGRESS_DEPUTY']);
    expect(panel.filter((p) => p.externalName)).toHaveLength(1);
  });
});

describe('referral and personal data', () => {
  it('turns a referred petition into exactly one clue, even when the referral event comes twice', async () => {
    const petition = await receive({ category: 'CIVIL_SUPERVISION' });
    await ok(procurator, `mutation($input: ReferPetitionInput!) { referPetition(input: $input) { status referralId } }`, {
      input: { petitionId: petition.id, clueCategory: 'CIVIL', title: '信访反映企业拖欠工资线索', description: '信访人反映某企业长期拖欠务工人员工资，涉及人数较多。' },
    });
    const clues = async () => (await ok<{ clues: { totalCount: number } }>(procurator, `{ clues(filter: { source: [PETITION] }) { totalCount } }`)).clues.totalCount;
    await waitFor(async () => (await clues()) === 1, { what: 'the clue from the referral' });
    const topic = namespace + petitionReferralMade.topic;
    const [event] = await readTopic(platform.kafka, topic, `${namespace}e2e-referral-reader`, () => true);
    const producer = platform.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: event!.key, value: event!.value }] });
    await producer.disconnect();
    await caughtUp(platform.kafka, `${namespace}clues`, topic);
    expect(await clues()).toBe(1);
  });

  it("masks a petitioner's ID number for a clerk and audits the handler's unmasked read", async () => {
    const petition = await receive();
    const q = `query($id: ID!, $reveal: Boolean!) { petition(id: $id) { petitionerName(reveal: $reveal, reason: "办理信访件核对身份") petitionerIdNumber(reveal: $reveal, reason: "办理信访件核对身份") } }`;
    expect((await ok(clerk, q, { id: petition.id, reveal: false })).petition).toEqual({ petitionerName: '张**', petitionerIdNumber: expect.stringMatching(/^6101\*{10}\d{3}[\dX]$/) });
    expect((await as(clerk, q, { id: petition.id, reveal: true })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect((await ok(procurator, q, { id: petition.id, reveal: true })).petition).toEqual({ petitionerName: '张三丰', petitionerIdNumber: idNumber('61011319700101123') });
    const audit = await withPg(testDatabaseUrl('petitions'), async (c) =>
      (await c.query(`SELECT field FROM audit_log WHERE actor = $1 AND record_id = $2 ORDER BY field`, [procurator.subject, petition.id])).rows,
    );
    expect(audit).toEqual([{ field: 'petitionerIdNumber' }, { field: 'petitionerName' }]);
  });
});
