import { randomUUID } from 'node:crypto';
import { hearingScheduled } from '@pgov/contracts';
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
import { readConfig } from '../src/config';
import { createPetitionsService } from '../src/service';

// The petitions service on the real test database and broker for the hearing specs: an emptied
// database, a fresh Kafka namespace and key pair, a clock the test moves, petitions laid down with
// Prisma, panels of fresh officers, and the SQL a request costs.

export const DB = testDatabaseUrl('petitions');
/** 10:00 in Beijing on 25 Nov 2026. */
export const NOW = new Date('2026-11-25T02:00:00Z');
const DAY = 86_400_000;
export const inDays = (days: number, hours = 0) => new Date(NOW.getTime() + days * DAY + hours * 3_600_000).toISOString();

let idSeq = 100;
/** A fresh valid resident ID number (GB 11643) of someone born in 雁塔区 on 1 Jan 1975. */
export function freshIdNumber(): string {
  const first17 = `61011319750101${String(idSeq++ % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export const member = (memberId: string = randomUUID()) => ({ memberId });
export const external = (name = '李律师', externalIdNumber = freshIdNumber(), externalKind = 'LAWYER') => ({ externalKind, externalName: name, externalIdNumber });
/** A panel of n fresh officers: members, the last one external. */
export const panelOf = (n: number) => Array.from({ length: n }, (_, i) => (i === n - 1 ? external(`外部听证员${i}`) : member()));

export const HEARING = `id districtCode subject scheduledFor venue status heldAt concludedAt majorityOpinion adopted administrativeDisputeResolved conclusion cancelledAt cancelReason
  petition { id } panel { id officer { id } externalKind externalName opinion opinionText }`;

export interface HearingView {
  id: string;
  status: string;
  majorityOpinion: string | null;
  panel: { id: string; officer: { id: string } | null; externalKind: string | null; externalName: string | null; opinion: string | null }[];
  [field: string]: unknown;
}

const INPUT_TYPES = {
  scheduleHearing: 'ScheduleHearingInput',
  holdHearing: 'HearingInput',
  recordHearingOpinion: 'RecordHearingOpinionInput',
  concludeHearing: 'ConcludeHearingInput',
  cancelHearing: 'CancelHearingInput',
} as const;
export type HearingMutation = keyof typeof INPUT_TYPES;

export async function startHearingHarness() {
  await truncateTables(DB);
  const keys = await createTestKeys();
  const namespace = testNamespace();
  let now = NOW;
  const config = readConfig(serviceTestEnv('petitions', { keys, namespace, extra: { OUTBOX_POLL_MS: '50' } }));
  const recorder = statementRecorder();
  const service = createPetitionsService(config, createLogger('petitions-test', 'silent'), () => new Date(now.getTime()), recorder.onQuery);
  const url = await service.start();
  const db = service.db;

  async function as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return graphql<T>(url, query, variables, await keys.token(identity));
  }

  function mutate(mutation: HearingMutation, input: Record<string, unknown>, who: Identity) {
    return as<{ result: HearingView }>(who, `mutation($input: ${INPUT_TYPES[mutation]}!) { result: ${mutation}(input: $input) { ${HEARING} } }`, { input });
  }

  async function mutateOk(mutation: HearingMutation, input: Record<string, unknown>, who: Identity): Promise<HearingView> {
    const res = await mutate(mutation, input, who);
    expect(res.errors).toBeUndefined();
    return res.data!.result;
  }

  const scheduleInput = (petitionId: string, panel: Record<string, unknown>[], overrides: Record<string, unknown> = {}) => ({
    petitionId,
    subject: '不服行政处罚决定的行政争议',
    scheduledFor: inDays(7),
    venue: '雁塔区综治中心行政争议化解室',
    panel,
    ...overrides,
  });

  return {
    config,
    service,
    db,
    url,
    keys,
    namespace,
    setNow(at: Date | string) {
      now = new Date(at);
    },
    as,
    mutate,
    mutateOk,
    schedule: (who: Identity, petitionId: string, panel: Record<string, unknown>[], overrides: Record<string, unknown> = {}) =>
      mutate('scheduleHearing', scheduleInput(petitionId, panel, overrides), who),
    scheduleOk: (who: Identity, petitionId: string, panel: Record<string, unknown>[], overrides: Record<string, unknown> = {}) =>
      mutateOk('scheduleHearing', scheduleInput(petitionId, panel, overrides), who),

    /** A petition laid down with Prisma (this area only schedules hearings for petitions). */
    async seedPetition(districtCode = '610113', overrides: { status?: 'RECEIVED' | 'IN_PROGRESS' | 'CLOSED' | 'REFERRED'; petitionerMemberId?: string; petitionerIdNumber?: string } = {}) {
      const receivedAt = new Date(NOW.getTime() - 10 * DAY);
      const petition = await db.petition.create({
        data: {
          channel: 'VISIT',
          category: 'ADMINISTRATIVE_SUPERVISION',
          districtCode,
          firstTime: false,
          content: '对区市场监管局的行政处罚决定不服，申请监督',
          petitionerName: '王五',
          receivedAt,
          proceduralReplyDueAt: new Date(receivedAt.getTime() + 7 * DAY),
          resultReplyDueAt: new Date(receivedAt.getTime() + 90 * DAY),
          receivedBy: 'clerk-seed',
          ...overrides,
        },
      });
      return petition.id;
    },

    /** The SQL statements `work` costs (the relay's polls left out). */
    statementsOf: recorder.statementsOf,

    /** Every row of every table as text: what a database dump would show. */
    dump: () => databaseDump(DB),

    /** Everything on petitions.hearing.v1 of the namespace, once the relay has published the whole outbox. */
    async hearingTopic(): Promise<{ key: string; type: string; data: Record<string, unknown> }[]> {
      await waitFor(async () => (await count(`SELECT count(*) FROM outbox_event WHERE published_at IS NULL`)) === 0, { what: 'the outbox published' });
      const kafka = new Kafka({ clientId: 'petitions-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
      const topic = namespace + hearingScheduled.topic;
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
        await waitFor(async () => seen.length >= total, { what: `${total} hearing events on Kafka`, timeoutMs: 30_000 });
        return seen;
      } finally {
        await consumer.disconnect();
      }
    },

    async stop() {
      await service.stop();
      await deleteNamespace(namespace);
    },
  };
}

export type HearingHarness = Awaited<ReturnType<typeof startHearingHarness>>;

export const count = (sql: string, params: unknown[] = []) => withPg(DB, async (c) => Number((await c.query(sql, params)).rows[0].count));

/** The outbox events of one hearing, in order. */
export const eventsOf = (hearingId: string) =>
  withPg(DB, async (c) => (await c.query(`SELECT type, envelope FROM outbox_event WHERE key = $1 ORDER BY seq`, [hearingId])).rows as { type: string; envelope: Record<string, unknown> }[]);
