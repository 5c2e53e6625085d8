import { Role, type Identity } from '@pgov/auth';
import { buildEnvelope, clueCaseOpened, personEnrolled, recommendationOverdue } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { deleteNamespace, identityOf, testNamespace, waitFor } from '@pgov/testing';
import { caughtUp, readTopic } from './kafka-helpers';
import { gatewayCalls, startPlatform, type Platform } from './platform';

// Clues & recommendations end to end through the gateway, on the real broker and databases, with
// the clues service's clock moved by the test (CLOCK_START, on a restart) where deadlines matter.

const namespace = testNamespace();
let platform: Platform;
const district = '610113';
const admin = identityOf(Role.CITY_ADMIN, '610100');
const procurator = identityOf(Role.PROCURATOR, district);
const stranger = identityOf(Role.PROCURATOR, '610102');
let worker: Identity;

const { as, ok } = gatewayCalls(() => platform);

const CLUE = `id number status department risk { level handlingPlan } history { from to }`;
const submit = async (title: string) =>
  (
    await ok<{ submitClue: { id: string; number: string } }>(worker, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`, {
      input: { title, description: '网格员巡查发现', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-C1-01-01' },
    })
  ).submitClue;
const act = (mutation: string, inputType: string, input: Record<string, unknown>, who: Identity = procurator) =>
  as<Record<string, { status: string }>>(who, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${CLUE} } }`, { input });
const balance = async () => (await ok<{ me: { pointBalance: number } }>(worker, `{ me { pointBalance } }`)).me.pointBalance;

const RECOMMENDATION = `id documentNumber status replyDueOn overdue repliedOnTime history { from to by }`;
const issue = (title: string) =>
  ok<{ issueRecommendation: { id: string; documentNumber: string; replyDueOn: string } }>(
    procurator,
    `mutation($input: IssueRecommendationInput!) { issueRecommendation(input: $input) { ${RECOMMENDATION} } }`,
    { input: { kind: 'PUBLIC_INTEREST_PRE_LITIGATION', agencyName: '雁塔区生态环境局', agencyKind: '行政机关', title, content: '建议依法履行监管职责，督促整改排污问题。' } },
  );
const recommendation = async (id: string, who: Identity = procurator) =>
  (await as<{ recommendation: { status: string; overdue: boolean; repliedOnTime: boolean | null; history: { to: string; by: string }[] } | null }>(who, `query($id: ID!) { recommendation(id: $id) { ${RECOMMENDATION} } }`, { id })).data?.recommendation;

beforeAll(async () => {
  platform = await startPlatform(namespace);
  const csv = ['level,code,name,parent_code', 'STREET,610113-C1,小寨路街道,610113', 'COMMUNITY,610113-C1-01,长延堡社区,610113-C1', 'GRID,610113-C1-01-01,第一网格,610113-C1-01'].join('\n');
  await ok(admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv } });
  const first17 = '61011319880808123';
  const member = await ok<{ registerMember: { id: string } }>(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
    input: { name: '刘网格', team: 'GRID_WORKER', gridCode: '610113-C1-01-01', phone: '13811112222', idNumber: first17 + residentIdCheckChar(first17), informantRoles: ['INFORMATION_OFFICER'] },
  });
  worker = identityOf(Role.GRID_WORKER, district, member.registerMember.id, '刘网格');
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('a clue through its life', () => {
  it('walks a grid report to an opened case, crediting the informant once per step even when an event comes twice', async () => {
    const clue = await submit('河道夜间排污');
    expect((await act('acceptClue', 'AcceptClueInput', { clueId: clue.id })).errors).toBeUndefined();
    expect((await act('assessClueRisk', 'AssessClueRiskInput', { clueId: clue.id, level: 'LOW', factors: [] })).errors).toBeUndefined();
    expect((await act('assignClue', 'AssignClueInput', { clueId: clue.id, department: 'PUBLIC_INTEREST' })).errors).toBeUndefined();
    const opened = await act('openCase', 'OpenCaseInput', { clueId: clue.id });
    expect(opened.data?.openCase).toMatchObject({ status: 'CASE_OPENED', department: 'PUBLIC_INTEREST', history: [{ to: 'SUBMITTED' }, { to: 'ACCEPTED' }, { to: 'ASSIGNED' }, { to: 'CASE_OPENED' }] });
    // Acceptance (default 2) and the case (default 5).
    await waitFor(async () => (await balance()) === 7, { what: 'points for acceptance and case' });

    const topic = namespace + clueCaseOpened.topic;
    const [event] = await readTopic(platform.kafka, topic, `${namespace}e2e-case-reader`, (m) => JSON.parse(String(m.value)).type === clueCaseOpened.type);
    const producer = platform.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: event!.key, value: event!.value }] });
    await producer.disconnect();
    await caughtUp(platform.kafka, `${namespace}grids`, topic);
    expect(await balance()).toBe(7);
  });

  it('refuses to open a case on a HIGH-risk clue until a handling plan is on record', async () => {
    const clue = await submit('群体性讨薪风险');
    await act('acceptClue', 'AcceptClueInput', { clueId: clue.id });
    await act('assessClueRisk', 'AssessClueRiskInput', { clueId: clue.id, level: 'HIGH', factors: ['MASS'] });
    await act('assignClue', 'AssignClueInput', { clueId: clue.id, department: 'CIVIL' });
    const refused = await act('openCase', 'OpenCaseInput', { clueId: clue.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'HANDLING_PLAN_REQUIRED' });
    expect((await act('recordHandlingPlan', 'RecordHandlingPlanInput', { clueId: clue.id, handlingPlan: '联合劳动监察部门约谈，设立专班，信访预案同步启动。' })).errors).toBeUndefined();
    expect((await act('openCase', 'OpenCaseInput', { clueId: clue.id })).data?.openCase).toMatchObject({ status: 'CASE_OPENED', risk: { level: 'HIGH' } });
  });
});

describe('community-corrections supervision', () => {
  it('raises exactly one supervision clue for an enrolment reported 11 days late, even when the event comes twice', async () => {
    const envelope = buildEnvelope(
      personEnrolled,
      { subject: 'SXJZ-2026-0113', district, data: { personId: 'SXJZ-2026-0113', districtCode: district, occurredOn: '2026-11-12', judgmentEffectiveOn: '2026-11-01' } },
      { source: 'corrections' },
    );
    const topic = namespace + personEnrolled.topic;
    const producer = platform.kafka.producer();
    await producer.connect();
    const message = { key: 'SXJZ-2026-0113', value: JSON.stringify(envelope) };
    await producer.send({ topic, messages: [message, message] });
    await producer.disconnect();
    const q = `{ clues(filter: { source: [COMMUNITY_CORRECTIONS] }) { totalCount edges { node { title category } } }
                 supervisedPerson(personId: "SXJZ-2026-0113") { reportingDelayDays record { type } clues { id } } }`;
    await waitFor(async () => (await as<{ clues: { totalCount: number } }>(procurator, q)).data?.clues.totalCount === 1, { what: 'the supervision clue' });
    await caughtUp(platform.kafka, `${namespace}clues`, topic);
    const seen = await ok<{ clues: { totalCount: number; edges: { node: { category: string } }[] }; supervisedPerson: { reportingDelayDays: number; record: unknown[]; clues: unknown[] } }>(procurator, q);
    expect(seen.clues.totalCount).toBe(1);
    expect(seen.clues.edges[0]!.node.category).toBe('COMMUNITY_CORRECTIONS');
    expect(seen.supervisedPerson).toMatchObject({ reportingDelayDays: 11, record: [{ type: 'enrolled' }], clues: [expect.anything()] });
  });
});

describe('recommendations', () => {
  it('numbers 50 concurrent issues without a duplicate', async () => {
    const issued = await Promise.all(Array.from({ length: 50 }, (_, i) => issue(`并发检察建议 ${i}`)));
    const numbers = issued.map((r) => r.issueRecommendation.documentNumber);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.every((n) => /^雁检建〔\d{4}〕\d+号$/.test(n))).toBe(true);
  });

  it('goes from issue through a late reply (overdue announced once) to escalation', async () => {
    const { issueRecommendation: rec } = await issue('督促整治河道排污');
    expect(await recommendation(rec.id)).toMatchObject({ status: 'ISSUED', overdue: false });

    // Three months later: the clues service restarts with its clock moved on and sweeps every 200 ms.
    await platform.stop('clues');
    await platform.start('clues', { CLOCK_START: new Date(Date.now() + 95 * 86_400_000).toISOString(), OVERDUE_SWEEP_MS: '200' });
    await waitFor(async () => (await recommendation(rec.id))?.status === 'OVERDUE', { what: 'the overdue sweep' });
    await new Promise((r) => setTimeout(r, 1_000)); // several more sweeps
    const topic = namespace + recommendationOverdue.topic;
    const announced = await readTopic(platform.kafka, topic, `${namespace}e2e-overdue-reader`, (m) => {
      const e = JSON.parse(String(m.value));
      return e.type === recommendationOverdue.type && e.data.recommendationId === rec.id;
    });
    expect(announced).toHaveLength(1);

    const reply = await as(procurator, `mutation($input: RecordRecommendationReplyInput!) { recordRecommendationReply(input: $input) { ${RECOMMENDATION} } }`, {
      input: { recommendationId: rec.id, adoption: 'PARTLY_ADOPTED', text: '已部分整改，排污口已封堵一处。' },
    });
    expect(reply.errors).toBeUndefined();
    const check = await as(procurator, `mutation($input: RecordFollowUpCheckInput!) { recordFollowUpCheck(input: $input) { ${RECOMMENDATION} } }`, {
      input: { recommendationId: rec.id, rectified: false, note: '回头看发现仍有偷排。' },
    });
    expect(check.errors).toBeUndefined();
    const escalated = await as(procurator, `mutation($input: EscalateRecommendationInput!) { escalateRecommendation(input: $input) { ${RECOMMENDATION} } }`, {
      input: { recommendationId: rec.id, note: '依法提起行政公益诉讼。' },
    });
    expect(escalated.errors).toBeUndefined();
    expect(await recommendation(rec.id)).toMatchObject({
      status: 'ESCALATED',
      repliedOnTime: false,
      history: [{ to: 'ISSUED' }, { to: 'OVERDUE', by: 'sweep' }, { to: 'REPLIED' }, { to: 'NOT_RECTIFIED' }, { to: 'ESCALATED' }],
    });
  }, 120_000);
});

describe('another district', () => {
  it('sees none of it', async () => {
    const mine = await ok<{ clues: { edges: { node: { id: string } }[] }; recommendations: { edges: { node: { id: string } }[] } }>(
      procurator,
      `{ clues(first: 1) { edges { node { id } } } recommendations(first: 1) { edges { node { id } } } }`,
    );
    const clueId = mine.clues.edges[0]!.node.id;
    const recId = mine.recommendations.edges[0]!.node.id;
    const theirs = await as(stranger, `query($clue: ID!, $rec: ID!) {
      clue(id: $clue) { id } recommendation(id: $rec) { id } supervisedPerson(personId: "SXJZ-2026-0113") { personId }
      clues { totalCount } recommendations { totalCount } supervisedPersons { totalCount } }`, { clue: clueId, rec: recId });
    expect(theirs.data).toEqual({
      clue: null,
      recommendation: null,
      supervisedPerson: null,
      clues: { totalCount: 0 },
      recommendations: { totalCount: 0 },
      supervisedPersons: { totalCount: 0 },
    });
  });
});
