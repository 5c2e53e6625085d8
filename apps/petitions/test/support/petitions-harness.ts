import { randomUUID } from 'node:crypto';
import type { Identity } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { residentIdCheckChar } from '@pgov/privacy';
import {
  createTestKeys,
  databaseDump,
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
import { comingDueRules, readConfig } from '../../src/config';
import { createDb, type PetitionsDb } from '../../src/persistence/prisma';
import { runDeadlineSweep } from '../../src/services/deadline-sweep';
import { createPetitionsService } from '../../src/service';

// The petitions service on the real test database and broker for the life-cycle specs: an emptied
// database, a fresh Kafka namespace and key pair (serviceTestEnv adds the personal-data keys), a
// clock the test moves, GraphQL calls with real tokens, the sweep run on demand (the service's own
// timer is set far beyond any test), the SQL a request costs, and what a database dump would show.

export const DB = testDatabaseUrl('petitions');
export const logger = createLogger('petitions-test', 'silent');

/** 09:00 in Beijing on 20 Nov 2026: the procedural reply is due on the 27th, the result reply on 20 Feb 2027. */
export const RECEIVED_AT = new Date('2026-11-20T01:00:00Z');
export const day = (n: number, hours = 0) => new Date(RECEIVED_AT.getTime() + n * 86_400_000 + hours * 3_600_000);

let idSeq = 100;
/** A fresh valid resident ID number (GB 11643) of someone born in 雁塔区 on 5 May 1985. */
export function freshIdNumber(): string {
  const first17 = `61011319850505${String(idSeq++ % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

let phoneSeq = 1000;
export const freshPhone = () => `1391234${String(phoneSeq++ % 10000).padStart(4, '0')}`;

export const letter = (overrides: Record<string, unknown> = {}) => ({
  channel: 'LETTER',
  category: 'COMPLAINT',
  firstTime: true,
  content: '反映小区旁工厂夜间噪声扰民，请求依法监督',
  petitionerName: '张三丰',
  petitionerIdNumber: freshIdNumber(),
  petitionerPhone: freshPhone(),
  receivedAt: RECEIVED_AT.toISOString(),
  ...overrides,
});

export const PETITION = `id status districtCode category channel firstTime receivedAt proceduralReplyDueAt resultReplyDueAt
  petitionerName petitionerIdNumber petitionerPhone leadershipOwned ownerRequired handler nextDueAt proceduralRepliedAt resultRepliedAt overdue
  referredAt referralId owner { subject name assignedBy assignedAt } ownerHistory { subject name assignedBy assignedAt }
  replies { id kind text authorName repliedAt onTime } history { from to by note at }`;

export interface PetitionView {
  id: string;
  status: string;
  districtCode: string;
  nextDueAt: string | null;
  overdue: boolean;
  ownerRequired: boolean;
  handler: string | null;
  referralId: string | null;
  owner: { subject: string; name: string; assignedBy: string; assignedAt: string } | null;
  ownerHistory: { subject: string; name: string; assignedBy: string; assignedAt: string }[];
  replies: { id: string; kind: string; text: string; authorName: string; repliedAt: string; onTime: boolean }[];
  history: { from: string | null; to: string; by: string; note: string | null; at: string }[];
  [field: string]: unknown;
}

const INPUT_TYPES = {
  receivePetition: 'ReceivePetitionInput',
  recordPetitionReply: 'RecordPetitionReplyInput',
  startPetitionHandling: 'PetitionTransitionInput',
  closePetition: 'PetitionTransitionInput',
  assignPetitionOwner: 'AssignPetitionOwnerInput',
  assignPetitionHandler: 'AssignPetitionHandlerInput',
  referPetition: 'ReferPetitionInput',
} as const;
export type PetitionMutation = keyof typeof INPUT_TYPES;

export interface StoredEvent {
  type: string;
  key: string;
  envelope: { subject: string; district: string; time: string; data: Record<string, unknown> };
}

export const count = (sql: string, params: unknown[] = []) => withPg(DB, async (c) => Number((await c.query(sql, params)).rows[0].count));

/** The outbox events keyed by `key` (a petition or referral id), in order. */
export const eventsOf = (key: string) =>
  withPg(DB, async (c) => (await c.query(`SELECT type, key, envelope FROM outbox_event WHERE key = $1 ORDER BY seq`, [key])).rows as StoredEvent[]);

/** A second database client, as another replica of the service would have. */
export const otherReplicaDb = (): PetitionsDb => createDb(DB);

export async function startPetitionsHarness({ beforeStart }: { beforeStart?: (db: PetitionsDb) => Promise<void> } = {}) {
  await truncateTables(DB);
  if (beforeStart) {
    const seed = createDb(DB);
    await beforeStart(seed).finally(() => seed.$disconnect());
  }
  const keys = await createTestKeys();
  const namespace = testNamespace();
  let now = day(1);
  const clock = () => new Date(now.getTime());
  const config = readConfig(serviceTestEnv('petitions', { keys, namespace, extra: { OUTBOX_POLL_MS: '50', OVERDUE_SWEEP_MS: '3600000' } }));
  const recorder = statementRecorder();
  const service = createPetitionsService(config, logger, clock, recorder.onQuery);
  const url = await service.start();

  async function as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return graphql<T>(url, query, variables, await keys.token(identity));
  }

  function mutate(mutation: PetitionMutation, input: Record<string, unknown>, who: Identity) {
    const query = `mutation($input: ${INPUT_TYPES[mutation]}!) { result: ${mutation}(input: $input) { ${PETITION} } }`;
    return as<{ result: PetitionView }>(who, query, { input });
  }

  async function mutateOk(mutation: PetitionMutation, input: Record<string, unknown>, who: Identity): Promise<PetitionView> {
    const res = await mutate(mutation, input, who);
    expect(res.errors).toBeUndefined();
    return res.data!.result;
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
    mutateOk,
    receiveOk: (who: Identity, overrides: Record<string, unknown> = {}) => mutateOk('receivePetition', letter(overrides), who),
    reply: (petitionId: string, kind: string, who: Identity, text = '您的来信已收到，正在依法办理') => mutate('recordPetitionReply', { petitionId, kind, text }, who),
    async petition(id: string, who: Identity): Promise<PetitionView | null> {
      const res = await as<{ petition: PetitionView | null }>(who, `query($id: ID!) { petition(id: $id) { ${PETITION} } }`, { id });
      expect(res.errors).toBeUndefined();
      return res.data!.petition;
    },
    /** One sweep now on the service's clock (or `at`), through the service's database client: the deadlines it announced coming due and missed. */
    sweep: (options: { at?: Date; batchSize?: number; db?: PetitionsDb } = {}) =>
      runDeadlineSweep({ db: options.db ?? service.db, clock: options.at ? () => options.at! : clock, logger, comingDue: comingDueRules(config) }, { batchSize: options.batchSize }),
    /** The SQL statements `work` costs (the relay's polls left out). */
    statementsOf: recorder.statementsOf,
    /** Every row of every table as text: what a database dump would show. */
    dump: () => databaseDump(DB),
    /** Everything on `topic` (without the namespace) once the outbox is empty, read from the beginning. */
    readTopic: (topic: string) => readTopic(namespace, topic),
    async stop() {
      await service.stop();
      await deleteNamespace(namespace);
    },
  };
}

export type PetitionsHarness = Awaited<ReturnType<typeof startPetitionsHarness>>;

async function readTopic(namespace: string, topicName: string) {
  await waitFor(async () => (await count(`SELECT count(*) FROM outbox_event WHERE published_at IS NULL`)) === 0, { what: 'the outbox published' });
  const kafka = new Kafka({ clientId: 'petitions-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
  const topic = namespace + topicName;
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
    await waitFor(async () => seen.length >= total, { what: `${total} messages on ${topic}`, timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
