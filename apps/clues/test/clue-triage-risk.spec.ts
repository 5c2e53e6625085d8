import { Role } from '@pgov/auth';
import { deleteNamespace, identityOf, testNamespace, waitFor, withPg } from '@pgov/testing';
import { DB, stored } from './support/clue-api';
import { outboxOf, startTriage, submitAs, type TriageUnderTest } from './support/triage-api';

// Risk assessment (司法办案风险评估预警) through the graph: who may, on which clues, the event in the
// outbox with the risk columns, and the HIGH-risk gate on opening a case.
const NAMESPACE = testNamespace();
const NOW = new Date('2026-11-26T02:00:00Z');
const worker = identityOf(Role.GRID_WORKER, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');
const leader = identityOf(Role.LEADER, '610113');

let api: TriageUnderTest;

beforeAll(async () => {
  api = await startTriage(NAMESPACE, NOW);
});

afterAll(async () => {
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const ASSESS = `mutation($input: AssessClueRiskInput!) { assessClueRisk(input: $input) { id risk { level factors handlingPlan assessedBy assessedAt } } }`;
const PLAN = `mutation($input: RecordHandlingPlanInput!) { recordHandlingPlan(input: $input) { id risk { level handlingPlan assessedBy } } }`;
const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { status decidedAt overdue } }`;
const move = (mutation: string, type: string, input: Record<string, unknown>) =>
  api.askOk(procurator, `mutation($input: ${type}!) { ${mutation}(input: $input) { status } }`, { input });

/** A clue accepted and assigned to the criminal department. */
async function assignedClue(): Promise<string> {
  const clueId = await submitAs(api, worker, { title: '聚集讨薪' });
  await move('acceptClue', 'AcceptClueInput', { clueId });
  await move('assignClue', 'AssignClueInput', { clueId, department: 'CRIMINAL' });
  return clueId;
}

describe('risk assessment', () => {
  it('answers NOT_FOUND to another district, FORBIDDEN to a clerk and the reporter, CONFLICT on a submitted clue', async () => {
    const clueId = await submitAs(api, worker, { title: '涉军人员纠纷' });
    const input = { clueId, level: 'MEDIUM', factors: ['MILITARY'] };
    const before = await stored(clueId);
    expect((await api.ask(identityOf(Role.PROCURATOR, '610102'), ASSESS, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.ask(identityOf(Role.CLERK, '610113'), ASSESS, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api.ask(worker, ASSESS, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api.ask(procurator, ASSESS, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'SUBMITTED' });
    expect(await stored(clueId)).toEqual(before);
  });

  it('records the assessment and announces it in the same transaction, without the plan text', async () => {
    const clueId = await submitAs(api, worker, { title: '学校周边食品安全' });
    await move('acceptClue', 'AcceptClueInput', { clueId });
    const data = await api.askOk<{ assessClueRisk: { risk: unknown } }>(identityOf(Role.LEADER, '610113', 'leader-1'), ASSESS, {
      input: { clueId, level: 'MEDIUM', factors: ['WOMEN_CHILDREN', 'MASS', 'MASS'] },
    });
    expect(data.assessClueRisk.risk).toEqual({ level: 'MEDIUM', factors: ['MASS', 'WOMEN_CHILDREN'], handlingPlan: null, assessedBy: 'leader-1', assessedAt: NOW.toISOString() });
    const events = await outboxOf(clueId);
    expect(events.at(-1)).toEqual({
      type: 'clues.clue.risk-assessed',
      envelope: expect.objectContaining({
        data: {
          clueId,
          number: expect.stringMatching(/^610113-2026-\d{6}$/),
          districtCode: '610113',
          riskLevel: 'MEDIUM',
          riskFactors: ['MASS', 'WOMEN_CHILDREN'],
          handlingPlanRecorded: false,
          assessedBy: 'leader-1',
          assessedAt: NOW.toISOString(),
        },
      }),
    });
    const row = await withPg(DB, async (c) => (await c.query(`SELECT risk_level, risk_factors, risk_assessed_by FROM clue WHERE id = $1`, [clueId])).rows[0]);
    expect(row).toEqual({ risk_level: 'MEDIUM', risk_factors: '{MASS,WOMEN_CHILDREN}', risk_assessed_by: 'leader-1' });
    // The relay publishes it like every other clue event.
    await waitFor(async () => (await withPg(DB, async (c) => (await c.query(`SELECT published_at FROM outbox_event WHERE key = $1 AND type = 'clues.clue.risk-assessed'`, [clueId])).rows[0]?.published_at)) ?? false, {
      what: 'the risk event published',
    });
  });

  it('refuses to open a case on a HIGH-risk clue without a handling plan, then opens it once the plan is recorded', async () => {
    const clueId = await assignedClue();
    await api.askOk(procurator, ASSESS, { input: { clueId, level: 'HIGH', factors: ['MASS', 'PETITION'] } });

    const before = await stored(clueId);
    const refused = await api.ask(procurator, OPEN_CASE, { input: { clueId } });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'HANDLING_PLAN_REQUIRED' });
    expect(await stored(clueId)).toEqual(before);

    const plan = '成立专班，提前与信访部门对接，做好释法说理和稳控工作';
    const planned = await api.askOk<{ recordHandlingPlan: unknown }>(leader, PLAN, { input: { clueId, handlingPlan: plan } });
    // The plan joins the assessment, which keeps its assessor.
    expect(planned.recordHandlingPlan).toEqual({ id: clueId, risk: { level: 'HIGH', handlingPlan: plan, assessedBy: procurator.subject } });
    const events = await outboxOf(clueId);
    expect(events.at(-1)).toMatchObject({ type: 'clues.clue.risk-assessed', envelope: { data: { riskLevel: 'HIGH', handlingPlanRecorded: true } } });
    expect(JSON.stringify(events)).not.toContain('成立专班');

    const opened = await api.askOk<{ openCase: unknown }>(procurator, OPEN_CASE, { input: { clueId } });
    expect(opened.openCase).toEqual({ status: 'CASE_OPENED', decidedAt: NOW.toISOString(), overdue: false });
  });

  it('opens a case at once when the HIGH assessment came with its plan; a decided clue is no longer assessed', async () => {
    const clueId = await assignedClue();
    await api.askOk(procurator, ASSESS, { input: { clueId, level: 'HIGH', factors: ['MILITARY'], handlingPlan: '联系军地协调机制' } });
    expect((await outboxOf(clueId)).at(-1)?.envelope.data).toMatchObject({ handlingPlanRecorded: true });
    await api.askOk(procurator, OPEN_CASE, { input: { clueId } });
    const late = await api.ask(procurator, ASSESS, { input: { clueId, level: 'LOW', factors: [] } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CASE_OPENED' });
  });

  it('needs an assessment before a plan, and shows the risk to procuratorate staff only', async () => {
    const clueId = await assignedClue();
    const noAssessment = await api.ask(procurator, PLAN, { input: { clueId, handlingPlan: '预案' } });
    expect(noAssessment.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'RISK_NOT_ASSESSED' });
    await api.askOk(procurator, ASSESS, { input: { clueId, level: 'LOW', factors: [] } });
    const RISK = `query($id: ID!) { clue(id: $id) { risk { level } } }`;
    expect(await api.askOk(identityOf(Role.CLERK, '610113'), RISK, { id: clueId })).toEqual({ clue: { risk: { level: 'LOW' } } });
    expect(await api.askOk(worker, RISK, { id: clueId })).toEqual({ clue: { risk: null } });
  });
});
