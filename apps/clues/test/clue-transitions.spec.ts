import { Role } from '@pgov/auth';
import { clueSubmitted } from '@pgov/contracts';
import { deleteNamespace, graphql, identityOf, kafkaBrokers, kafkaTestSecurity, testNamespace, waitFor } from '@pgov/testing';
import { Kafka, logLevel } from 'kafkajs';
import { type CluesUnderTest, startClues, stored, submitClue, transitionOk } from './support/clue-api';

// Every transition writes the clue's state, a history row and its event in one transaction; the
// relay publishes the events on clues.clue.v1 in order, keyed by the clue.
const NAMESPACE = testNamespace();
const worker = identityOf(Role.GRID_WORKER, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');
const leader = identityOf(Role.LEADER, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');

let api: CluesUnderTest;

beforeAll(async () => {
  api = await startClues(NAMESPACE);
});

afterAll(async () => {
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const HISTORY = `query($id: ID!) { clue(id: $id) { status department history { from to by reason department at } } }`;
type History = { clue: { status: string; department: string | null; history: { from: string | null; to: string; by: string | null; reason: string | null; department: string | null; at: string }[] } };

describe('clue transitions', () => {
  let clueId: string;

  it('accepts a submitted clue: status, history row and clues.clue.accepted naming the reporter for grids', async () => {
    clueId = await submitClue(api, worker);
    expect(await transitionOk(api, 'acceptClue', { clueId }, procurator)).toEqual({ id: clueId, status: 'ACCEPTED', department: null });
    const { clue, transitions, events } = await stored(clueId);
    expect(clue).toEqual({ status: 'ACCEPTED', department: null });
    expect(transitions.at(-1)).toEqual({ from: 'SUBMITTED', to: 'ACCEPTED', by: procurator.subject, reason: null, department: null });
    expect(events.map((e) => e.type)).toEqual(['clues.clue.submitted', 'clues.clue.accepted']);
    expect(events[1]!.envelope).toMatchObject({
      subject: clueId,
      district: '610113',
      data: { clueId, reporterMemberId: worker.subject, source: 'GRID_REPORT', acceptedBy: procurator.subject },
    });
  });

  it('assigns it to a department', async () => {
    expect(await transitionOk(api, 'assignClue', { clueId, department: 'CIVIL' }, leader)).toMatchObject({ status: 'ASSIGNED', department: 'CIVIL' });
    const { transitions, events } = await stored(clueId);
    expect(transitions.at(-1)).toEqual({ from: 'ACCEPTED', to: 'ASSIGNED', by: leader.subject, reason: null, department: 'CIVIL' });
    expect(events.at(-1)).toMatchObject({ type: 'clues.clue.assigned', envelope: { data: { department: 'CIVIL', assignedBy: leader.subject } } });
  });

  it('transfers it to another department, which then takes it on', async () => {
    const moved = await transitionOk(api, 'transferClue', { clueId, department: 'PUBLIC_INTEREST', reason: ' 涉及生态环境公益 ' }, procurator);
    expect(moved).toMatchObject({ status: 'TRANSFERRED', department: 'PUBLIC_INTEREST' });
    let { transitions, events } = await stored(clueId);
    expect(transitions.at(-1)).toEqual({ from: 'ASSIGNED', to: 'TRANSFERRED', by: procurator.subject, reason: '涉及生态环境公益', department: 'PUBLIC_INTEREST' });
    expect(events.at(-1)).toMatchObject({
      type: 'clues.clue.transferred',
      envelope: { data: { fromDepartment: 'CIVIL', toDepartment: 'PUBLIC_INTEREST', reason: '涉及生态环境公益', transferredBy: procurator.subject } },
    });

    expect(await transitionOk(api, 'assignClue', { clueId, department: 'PUBLIC_INTEREST' }, procurator)).toMatchObject({ status: 'ASSIGNED' });
    ({ transitions, events } = await stored(clueId));
    expect(transitions.at(-1)).toMatchObject({ from: 'TRANSFERRED', to: 'ASSIGNED', department: 'PUBLIC_INTEREST' });
    expect(events.at(-1)).toMatchObject({ type: 'clues.clue.assigned', envelope: { data: { department: 'PUBLIC_INTEREST' } } });
  });

  it('opens a case on it: clues.clue.case-opened with the department and the reporter', async () => {
    expect(await transitionOk(api, 'openCase', { clueId }, cityAdmin)).toMatchObject({ status: 'CASE_OPENED', department: 'PUBLIC_INTEREST' });
    const { clue, transitions, events } = await stored(clueId);
    expect(clue).toEqual({ status: 'CASE_OPENED', department: 'PUBLIC_INTEREST' });
    expect(transitions.at(-1)).toEqual({ from: 'ASSIGNED', to: 'CASE_OPENED', by: cityAdmin.subject, reason: null, department: 'PUBLIC_INTEREST' });
    expect(events.at(-1)).toMatchObject({
      type: 'clues.clue.case-opened',
      envelope: { data: { department: 'PUBLIC_INTEREST', reporterMemberId: worker.subject, openedBy: cityAdmin.subject } },
    });
  });

  it('answers the whole history in order, with departments and reasons', async () => {
    const res = await graphql<History>(api.url, HISTORY, { id: clueId }, await api.keys.token(procurator));
    expect(res.errors).toBeUndefined();
    const { history } = res.data!.clue;
    expect(history.map((t) => [t.from, t.to, t.department])).toEqual([
      [null, 'SUBMITTED', null],
      ['SUBMITTED', 'ACCEPTED', null],
      ['ACCEPTED', 'ASSIGNED', 'CIVIL'],
      ['ASSIGNED', 'TRANSFERRED', 'PUBLIC_INTEREST'],
      ['TRANSFERRED', 'ASSIGNED', 'PUBLIC_INTEREST'],
      ['ASSIGNED', 'CASE_OPENED', 'PUBLIC_INTEREST'],
    ]);
    expect(history.map((t) => t.by)).toEqual([worker.subject, procurator.subject, leader.subject, procurator.subject, procurator.subject, cityAdmin.subject]);
    expect(history[3]!.reason).toBe('涉及生态环境公益');
    const times = history.map((t) => Date.parse(t.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('withholds the informant (the submission\'s by) from a clerk, and shows the rest of the history', async () => {
    const res = await graphql<History>(api.url, HISTORY, { id: clueId }, await api.keys.token(identityOf(Role.CLERK, '610113')));
    const { history } = res.data!.clue;
    expect(history).toHaveLength(6);
    expect(history[0]!.by).toBeNull();
    expect(history.slice(1).map((t) => t.by)).toEqual([procurator.subject, leader.subject, procurator.subject, procurator.subject, cityAdmin.subject]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INFORMANT_IDENTITY_PROTECTED' });
    expect(JSON.stringify(res)).not.toContain(worker.subject);
    // The reporter sees their own clue's history whole.
    const own = await graphql<History>(api.url, HISTORY, { id: clueId }, await api.keys.token(worker));
    expect(own.errors).toBeUndefined();
    expect(own.data!.clue.history[0]!.by).toBe(worker.subject);
  });

  it('rejects a submitted clue with its reason', async () => {
    const id = await submitClue(api, worker);
    expect(await transitionOk(api, 'rejectClue', { clueId: id, reason: '重复上报' }, procurator)).toMatchObject({ status: 'REJECTED', department: null });
    const { transitions, events } = await stored(id);
    expect(transitions.at(-1)).toEqual({ from: 'SUBMITTED', to: 'REJECTED', by: procurator.subject, reason: '重复上报', department: null });
    expect(events.at(-1)).toMatchObject({ type: 'clues.clue.rejected', envelope: { data: { clueId: id, reason: '重复上报', rejectedBy: procurator.subject } } });
    expect(events.at(-1)!.envelope.data).not.toHaveProperty('reporterMemberId');
  });

  it('closes an assigned clue without action, with its reason', async () => {
    const id = await submitClue(api, worker);
    await transitionOk(api, 'acceptClue', { clueId: id }, procurator);
    await transitionOk(api, 'assignClue', { clueId: id, department: 'ADMINISTRATIVE' }, procurator);
    expect(await transitionOk(api, 'closeClueNoAction', { clueId: id, reason: '不符合立案条件' }, leader)).toMatchObject({ status: 'CLOSED_NO_ACTION' });
    const { transitions, events } = await stored(id);
    expect(transitions.at(-1)).toEqual({ from: 'ASSIGNED', to: 'CLOSED_NO_ACTION', by: leader.subject, reason: '不符合立案条件', department: 'ADMINISTRATIVE' });
    expect(events.at(-1)).toMatchObject({
      type: 'clues.clue.closed-no-action',
      envelope: { data: { department: 'ADMINISTRATIVE', reason: '不符合立案条件', closedBy: leader.subject } },
    });
  });

  it('publishes the events of one clue on clues.clue.v1 in order, keyed by the clue', async () => {
    const consumer = new Kafka({ clientId: 'clues-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() }).consumer({ groupId: `${NAMESPACE}clues-test-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: NAMESPACE + clueSubmitted.topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === clueId) seen.push(JSON.parse(message.value!.toString()).type);
      },
    });
    try {
      await waitFor(async () => seen.length >= 6, { what: "the clue's six events on Kafka" });
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual([
      'clues.clue.submitted',
      'clues.clue.accepted',
      'clues.clue.assigned',
      'clues.clue.transferred',
      'clues.clue.assigned',
      'clues.clue.case-opened',
    ]);
  });
});
