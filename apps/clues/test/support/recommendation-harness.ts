import { randomUUID } from 'node:crypto';
import type { Identity } from '@pgov/auth';
import { recommendationIssued } from '@pgov/contracts';
import { createLogger } from '@pgov/logger';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  kafkaBrokers,
  kafkaTestSecurity,
  serviceTestEnv,
  statementRecorder,
  testDatabaseUrl,
  testNamespace,
  truncateTables,
  waitFor,
  withPg,
  type GraphQLResponse,
} from '@pgov/testing';
import { Kafka, logLevel } from 'kafkajs';
import { readConfig } from '../../src/config';
import { createDb } from '../../src/persistence/prisma';
import { runOverdueSweep } from '../../src/services/recommendation-overdue-sweep';
import { createCluesService } from '../../src/service';

// The clues service on the real test database and broker for the recommendation specs: an emptied
// database, a fresh Kafka namespace and key pair, a clock the test moves, the SQL a request costs,
// and the overdue sweep run on demand (the service's own timer is set far beyond any test).

export const DB = testDatabaseUrl('clues');
export const logger = createLogger('clues-test', 'silent');

/** 10:00 in Beijing on 26 Nov 2026: replies are due on 2027-01-26. */
export const ISSUE_TIME = new Date('2026-11-26T02:00:00Z');

export const RECOMMENDATION = `id documentNumber districtCode kind agencyName agencyKind title content seriesTag status issuedAt replyDueOn
  overdue overdueAt repliedAt replyAdoption replyText repliedOnTime checkedAt checkNote escalatedAt escalationNote
  history { from to by note at }`;

export interface RecommendationView {
  id: string;
  documentNumber: string;
  districtCode: string;
  status: string;
  replyDueOn: string;
  overdue: boolean;
  overdueAt: string | null;
  repliedAt: string | null;
  repliedOnTime: boolean | null;
  history: { from: string | null; to: string; by: string; note: string | null; at: string }[];
  [field: string]: unknown;
}

export const issueInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'PUBLIC_INTEREST_PRE_LITIGATION',
  agencyName: '雁塔区生态环境局',
  agencyKind: '行政机关',
  title: '督促整治河道排污',
  content: '建议依法履行监管职责，督促整改排污问题。',
  ...overrides,
});

const INPUT_TYPES = {
  issueRecommendation: 'IssueRecommendationInput',
  recordRecommendationReply: 'RecordRecommendationReplyInput',
  recordFollowUpCheck: 'RecordFollowUpCheckInput',
  escalateRecommendation: 'EscalateRecommendationInput',
} as const;
export type RecommendationMutation = keyof typeof INPUT_TYPES;

export async function startRecommendationHarness({ countStatements = false } = {}) {
  await truncateTables(DB);
  const keys = await createTestKeys();
  const namespace = testNamespace();
  let now = ISSUE_TIME;
  const clock = () => new Date(now.getTime());
  const config = readConfig(serviceTestEnv('clues', { keys, namespace, extra: { OUTBOX_POLL_MS: '50', OVERDUE_SWEEP_MS: '3600000' } }));
  const recorder = statementRecorder();
  const service = createCluesService(config, logger, clock, countStatements ? recorder.onQuery : undefined);
  const url = await service.start();

  async function as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return graphql<T>(url, query, variables, await keys.token(identity));
  }

  async function mutate(mutation: RecommendationMutation, input: Record<string, unknown>, who: Identity) {
    const query = `mutation($input: ${INPUT_TYPES[mutation]}!) { result: ${mutation}(input: $input) { ${RECOMMENDATION} } }`;
    return as<{ result: RecommendationView }>(who, query, { input });
  }

  return {
    config,
    service,
    url,
    keys,
    namespace,
    clock,
    /** Moves the service's clock (and the sweep's) to `at`. */
    setNow(at: Date | string) {
      now = new Date(at);
    },
    as,
    mutate,
    /** Like `mutate`, failing the test on any error. */
    async mutateOk(mutation: RecommendationMutation, input: Record<string, unknown>, who: Identity): Promise<RecommendationView> {
      const res = await mutate(mutation, input, who);
      expect(res.errors).toBeUndefined();
      return res.data!.result;
    },
    issue: (who: Identity, overrides: Record<string, unknown> = {}) => mutate('issueRecommendation', issueInput(overrides), who),
    async issueOk(who: Identity, overrides: Record<string, unknown> = {}): Promise<RecommendationView> {
      const res = await mutate('issueRecommendation', issueInput(overrides), who);
      expect(res.errors).toBeUndefined();
      return res.data!.result;
    },
    async recommendation(id: string, who: Identity): Promise<RecommendationView | null> {
      const res = await as<{ recommendation: RecommendationView | null }>(who, `query($id: ID!) { recommendation(id: $id) { ${RECOMMENDATION} } }`, { id });
      expect(res.errors).toBeUndefined();
      return res.data!.recommendation;
    },
    /** One sweep now on the service's clock (or `at`), through the service's database client. */
    sweep: (options: { at?: Date; batchSize?: number } = {}) =>
      runOverdueSweep({ db: service.db, clock: options.at ? () => options.at! : clock, logger }, { batchSize: options.batchSize }),
    /** The SQL statements `work` costs (the relay's polls left out). */
    statementsOf: recorder.statementsOf,
    async stop() {
      await service.stop();
      await deleteNamespace(namespace);
    },
  };
}

export type RecommendationHarness = Awaited<ReturnType<typeof startRecommendationHarness>>;

/** A second database client, as another replica of the service would have. */
export const otherReplicaDb = () => createDb(DB);

let clueSeq = 0;

/** Clues laid down directly in the database (this area only cites clues), answering their ids. */
export async function seedClues(districtCode: string, n: number, { submittedBy }: { submittedBy?: string } = {}): Promise<string[]> {
  return withPg(DB, async (c) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const seq = ++clueSeq;
      await c.query(
        `INSERT INTO clue (id, number, district_code, year, seq, title, description, source, category, status, submitted_by, submitted_at)
         VALUES ($1, $2, $3, 2026, $4, $5, '某工厂夜间向河道排放污水', 'HOTLINE_12309', 'PUBLIC_INTEREST_ECOLOGY', 'ACCEPTED', $6, now())`,
        [id, `${districtCode}-2026-${String(seq).padStart(6, '0')}`, districtCode, seq, `河道排污 ${seq}`, submittedBy ?? randomUUID()],
      );
      ids.push(id);
    }
    return ids;
  });
}

export const seedClue = async (districtCode: string, options: { submittedBy?: string } = {}): Promise<string> => (await seedClues(districtCode, 1, options))[0]!;

export interface StoredEvent {
  type: string;
  envelope: { subject: string; district: string; data: Record<string, unknown> };
}

/** The outbox events of one recommendation, in order. */
export const eventsOf = (id: string) =>
  withPg(DB, async (c) => (await c.query(`SELECT type, envelope FROM outbox_event WHERE key = $1 ORDER BY seq`, [id])).rows as StoredEvent[]);

export const count = (sql: string, params: unknown[] = []) => withPg(DB, async (c) => Number((await c.query(sql, params)).rows[0].count));

/**
 * Everything on clues.recommendation.v1 of the namespace once the outbox is empty: waits until the
 * relay has published every row, then reads the topic from the beginning up to its end offsets.
 */
export async function readRecommendationTopic(namespace: string) {
  await waitFor(async () => (await count(`SELECT count(*) FROM outbox_event WHERE published_at IS NULL`)) === 0, { what: 'the outbox published' });
  const kafka = new Kafka({ clientId: 'clues-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
  const topic = namespace + recommendationIssued.topic;
  const admin = kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${namespace}reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: { key: string; type: string; data: Record<string, unknown> }[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = JSON.parse(message.value!.toString()) as { type: string; data: Record<string, unknown> };
      seen.push({ key: message.key!.toString(), type: envelope.type, data: envelope.data });
    },
  });
  try {
    await waitFor(async () => seen.length >= total, { what: `${total} recommendation events on Kafka`, timeoutMs: 30_000 });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
