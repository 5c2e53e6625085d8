import type { Identity } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { createTestKeys, graphql, serviceTestEnv, testDatabaseUrl, type TestKeys, truncateTables, withPg } from '@pgov/testing';
import { readConfig } from '../../src/config';
import { createCluesService } from '../../src/service';

// The clues subgraph on the real PostgreSQL and Kafka, driven over HTTP with real tokens.
export const DB = testDatabaseUrl('clues');

export interface CluesUnderTest {
  keys: TestKeys;
  service: ReturnType<typeof createCluesService>;
  url: string;
}

export async function startClues(namespace: string, onQuery?: (sql: string) => void): Promise<CluesUnderTest> {
  await truncateTables(DB);
  const keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('clues', { keys, namespace, extra: { OUTBOX_POLL_MS: '50' } }));
  const service = createCluesService(config, createLogger('clues-test', 'silent'), undefined, onQuery);
  return { keys, service, url: await service.start() };
}

export interface ClueView {
  id: string;
  status: string;
  department: string | null;
}

const INPUT_TYPES = {
  acceptClue: 'AcceptClueInput',
  rejectClue: 'RejectClueInput',
  assignClue: 'AssignClueInput',
  transferClue: 'TransferClueInput',
  openCase: 'OpenCaseInput',
  closeClueNoAction: 'CloseClueNoActionInput',
} as const;
export type TransitionMutation = keyof typeof INPUT_TYPES;

/** Runs one transition mutation as `who`; answers the whole response (data and errors). */
export async function transition(api: CluesUnderTest, mutation: TransitionMutation, input: Record<string, unknown>, who: Identity) {
  const query = `mutation($input: ${INPUT_TYPES[mutation]}!) { result: ${mutation}(input: $input) { id status department } }`;
  return graphql<{ result: ClueView }>(api.url, query, { input }, await api.keys.token(who));
}

/** Like `transition`, failing the test on any error. */
export async function transitionOk(api: CluesUnderTest, mutation: TransitionMutation, input: Record<string, unknown>, who: Identity): Promise<ClueView> {
  const res = await transition(api, mutation, input, who);
  expect(res.errors).toBeUndefined();
  return res.data!.result;
}

let titles = 0;

/** A fresh SUBMITTED grid report by `worker` (a grid worker of the district). */
export async function submitClue(api: CluesUnderTest, worker: Identity): Promise<string> {
  const input = {
    title: `河道排污 ${++titles}`,
    description: '某工厂夜间向河道排放污水',
    category: 'PUBLIC_INTEREST_ECOLOGY',
    gridCode: `${worker.district}-001-01`,
  };
  const res = await graphql<{ submitClue: { id: string } }>(api.url, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, { input }, await api.keys.token(worker));
  expect(res.errors).toBeUndefined();
  return res.data!.submitClue.id;
}

export interface StoredTransition {
  from: string | null;
  to: string;
  by: string;
  reason: string | null;
  department: string | null;
}

/** What the database holds for a clue: its row, its history, its outbox events. */
export function stored(clueId: string) {
  return withPg(DB, async (c) => ({
    clue: (await c.query(`SELECT status, department FROM clue WHERE id = $1`, [clueId])).rows[0] as { status: string; department: string | null },
    transitions: (await c.query(`SELECT "from", "to", "by", reason, department FROM clue_transition WHERE clue_id = $1 ORDER BY at, id`, [clueId]))
      .rows as StoredTransition[],
    events: (await c.query(`SELECT type, envelope FROM outbox_event WHERE key = $1 ORDER BY seq`, [clueId])).rows as {
      type: string;
      envelope: { subject: string; district: string; data: Record<string, unknown> };
    }[],
  }));
}
