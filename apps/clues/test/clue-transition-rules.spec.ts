import { Role } from '@pgov/auth';
import { deleteNamespace, graphql, identityOf, testNamespace } from '@pgov/testing';
import { type CluesUnderTest, startClues, stored, submitClue, transition, transitionOk } from './support/clue-api';

// Who may move a clue, what the state machine refuses, and that concurrent transitions of one
// clue serialise (row lock): nothing half-written stays behind a refusal.
const NAMESPACE = testNamespace();
const worker = identityOf(Role.GRID_WORKER, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');

let api: CluesUnderTest;
let statements: string[] = [];

beforeAll(async () => {
  api = await startClues(NAMESPACE, (sql) => statements.push(sql));
});

afterAll(async () => {
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const ACCEPT = `mutation($input: AcceptClueInput!) { result: acceptClue(input: $input) { status } }`;
const acceptAs = async (token: string, clueId: string) => ({
  clueId,
  res: await graphql<{ result: { status: string } }>(api.url, ACCEPT, { input: { clueId } }, token),
});

/** Fails the test when a refusal left anything behind. */
async function expectUnchanged(clueId: string, run: () => Promise<void>) {
  const before = await stored(clueId);
  await run();
  expect(await stored(clueId)).toEqual(before);
}

describe('clue transition rules', () => {
  it('refuses an illegal transition with CONFLICT naming the current state', async () => {
    const clueId = await submitClue(api, worker);
    await expectUnchanged(clueId, async () => {
      const res = await transition(api, 'openCase', { clueId }, procurator);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'SUBMITTED', action: 'OPEN_CASE' });
    });
  });

  it('requires a reason to reject, transfer and close: BAD_USER_INPUT on input.reason', async () => {
    const clueId = await submitClue(api, worker);
    await expectUnchanged(clueId, async () => {
      for (const input of [{ clueId }, { clueId, reason: '   ' }]) {
        const res = await transition(api, 'rejectClue', input, procurator);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      }
    });
    await transitionOk(api, 'acceptClue', { clueId }, procurator);
    await transitionOk(api, 'assignClue', { clueId, department: 'CRIMINAL' }, procurator);
    await expectUnchanged(clueId, async () => {
      const close = await transition(api, 'closeClueNoAction', { clueId, reason: '' }, procurator);
      expect(close.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const same = await transition(api, 'transferClue', { clueId, department: 'CRIMINAL', reason: '移送' }, procurator);
      expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.department' });
    });
  });

  it("answers NOT_FOUND for another district's clue and for unknown ids, FORBIDDEN for a clerk or the reporter", async () => {
    const clueId = await submitClue(api, worker);
    await expectUnchanged(clueId, async () => {
      const elsewhere = await transition(api, 'acceptClue', { clueId }, identityOf(Role.PROCURATOR, '610102'));
      expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      const unknown = await transition(api, 'acceptClue', { clueId: '00000000-0000-4000-8000-000000000000' }, procurator);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      // Nothing in the answer tells another district's clue from a missing one.
      expect(Object.keys(elsewhere.errors![0]!.extensions!)).toEqual(Object.keys(unknown.errors![0]!.extensions!));
      const otherWorker = await transition(api, 'acceptClue', { clueId }, identityOf(Role.GRID_WORKER, '610113'));
      expect(otherWorker.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      const clerk = await transition(api, 'acceptClue', { clueId }, identityOf(Role.CLERK, '610113'));
      expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const reporter = await transition(api, 'rejectClue', { clueId, reason: '撤回' }, worker);
      expect(reporter.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  it('lets exactly one of concurrent acceptClue calls through: one history row, one event', async () => {
    // Several clues at once widen the window in which unlocked transitions would interleave.
    const clueIds = await Promise.all(Array.from({ length: 8 }, () => submitClue(api, worker)));
    const token = await api.keys.token(procurator);
    const results = await Promise.all(clueIds.flatMap((clueId) => Array.from({ length: 4 }, () => acceptAs(token, clueId))));
    for (const clueId of clueIds) {
      const mine = results.filter((r) => r.clueId === clueId);
      expect(mine.filter((r) => r.res.data?.result?.status === 'ACCEPTED')).toHaveLength(1);
      for (const r of mine.filter((m) => m.res.errors)) expect(r.res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', from: 'ACCEPTED' });
      const { transitions, events } = await stored(clueId);
      expect(transitions.filter((t) => t.to === 'ACCEPTED')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'clues.clue.accepted')).toHaveLength(1);
    }
  });

  it("reads a page of clues with their histories in a bounded number of statements (no N+1)", async () => {
    const district = '610124';
    const reporter = identityOf(Role.GRID_WORKER, district);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await submitClue(api, reporter));
    for (const clueId of ids.slice(0, 10)) await transitionOk(api, 'acceptClue', { clueId }, identityOf(Role.PROCURATOR, district));

    const PAGE = `query($first: Int!) { clues(first: $first, districtCode: "${district}") { edges { node { id department history { from to by at department } } } } }`;
    const token = await api.keys.token(identityOf(Role.LEADER, district));
    const cost = async (first: number) => {
      statements = [];
      const res = await graphql<{ clues: { edges: { node: { history: unknown[] } }[] } }>(api.url, PAGE, { first }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.clues.edges).toHaveLength(first);
      // Only this request's statements: leave out the outbox relay's polls running meanwhile.
      return statements.filter((s) => !/outbox_event|pg_try_advisory_xact_lock|^(BEGIN|COMMIT|ROLLBACK)/.test(s)).length;
    };
    const fifty = await cost(50);
    // clue page, clue count, histories: 3.
    expect(fifty).toBeLessThanOrEqual(3);
    expect(await cost(5)).toBe(fifty);
  });
});
