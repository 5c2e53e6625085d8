import type { Identity } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { createTestKeys, graphql, type GraphQLResponse, serviceTestEnv, truncateTables, withPg } from '@pgov/testing';
import { readConfig } from '../../src/config';
import { createCluesService } from '../../src/service';
import { type CluesUnderTest, DB } from './clue-api';

// The clues subgraph on a clock the test sets: submissions days apart, overdue clues, without waiting.
export interface TriageUnderTest extends CluesUnderTest {
  /** Moves the service's clock (it stands still in between). */
  setTime(at: Date): void;
  /** As `who`: the whole response. */
  ask<T = Record<string, unknown>>(who: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** As `who`, failing the test on any error. */
  askOk<T = Record<string, unknown>>(who: Identity, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function startTriage(namespace: string, start: Date, onQuery?: (sql: string) => void): Promise<TriageUnderTest> {
  await truncateTables(DB);
  const keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('clues', { keys, namespace, extra: { OUTBOX_POLL_MS: '50' } }));
  let now = start;
  const service = createCluesService(config, createLogger('clues-test', 'silent'), () => now, onQuery);
  const url = await service.start();
  const ask = async <T>(who: Identity, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, variables, await keys.token(who));
  return {
    keys,
    service,
    url,
    setTime: (at) => {
      now = at;
    },
    ask,
    askOk: async <T>(who: Identity, query: string, variables: Record<string, unknown> = {}) => {
      const res = await ask<T>(who, query, variables);
      expect(res.errors).toBeUndefined();
      return res.data as T;
    },
  };
}

export const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * 86_400_000);

const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`;

export interface SubmitOptions {
  title?: string;
  category?: string;
  gridCode?: string;
  attachments?: unknown[];
}

/** A grid report by `worker` (a grid worker) in their district; answers its id. */
export async function submitAs(api: TriageUnderTest, worker: Identity, options: SubmitOptions = {}): Promise<string> {
  const input = {
    title: options.title ?? '河道夜间排污',
    description: '某工厂夜间向河道排放污水',
    category: options.category ?? 'PUBLIC_INTEREST_ECOLOGY',
    gridCode: options.gridCode ?? `${worker.district}-001-01`,
    ...(options.attachments ? { attachments: options.attachments } : {}),
  };
  const data = await api.askOk<{ submitClue: { id: string } }>(worker, SUBMIT, { input });
  return data.submitClue.id;
}

/** Rows of `table` (a few known ones) in the test database. */
export const countRows = (table: 'clue' | 'clue_attachment' | 'clue_duplicate' | 'outbox_event') =>
  withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM ${table}`)).rows[0].count));

/** The outbox events of a clue, oldest first. */
export const outboxOf = (clueId: string) =>
  withPg(DB, async (c) => (await c.query(`SELECT type, envelope FROM outbox_event WHERE key = $1 ORDER BY seq`, [clueId])).rows as { type: string; envelope: { data: Record<string, unknown> } }[]);
