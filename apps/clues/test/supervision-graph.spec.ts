import { Role, type Identity } from '@pgov/auth';
import {
  buildEnvelope,
  gridCentreReferralSubmitted,
  personCheckInMissed,
  personEnrolled,
  type CorrectionsPersonFacts,
  type DataOf,
  type EventDefinition,
  type GridCentreReferralData,
} from '@pgov/contracts';
import { deleteNamespace, graphql, identityOf, kafkaBrokers, kafkaTestSecurity, statementRecorder, testNamespace, waitFor, withPg } from '@pgov/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DB, startClues, type CluesUnderTest } from './support/clue-api';

// The clues service on the real PostgreSQL and Kafka: the justice bureau's and a grid centre's
// events go through the broker to the service's consumer; the supervision view is read over HTTP
// with real tokens.
const NAMESPACE = testNamespace();
const kafka = new Kafka({ clientId: 'clues-supervision-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
let api: CluesUnderTest;
let producer: Producer;
const recorder = statementRecorder();

const LATE = 'SXJZ-2026-0001'; // 610113, reported in (enrolled) on day 11
const ELSEWHERE = 'SXJZ-2026-0002'; // 610102, on time
const MANY = Array.from({ length: 30 }, (_, i) => `SXJZ-2026-1${String(i).padStart(3, '0')}`); // 610113, each one missed check-in

async function send<D extends EventDefinition<unknown, string>>(definition: D, key: string, district: string, data: DataOf<D>) {
  const envelope = buildEnvelope(definition, { subject: key, district, data }, { source: definition.service });
  await producer.send({ topic: NAMESPACE + definition.topic, messages: [{ key, value: JSON.stringify(envelope) }] });
}
const correction = <D extends EventDefinition<CorrectionsPersonFacts, string>>(definition: D, data: DataOf<D>) =>
  send(definition, data.personId, data.districtCode, data);

const count = (sql: string) => withPg(DB, async (c) => Number((await c.query(sql)).rows[0].count));

beforeAll(async () => {
  api = await startClues(NAMESPACE, recorder.onQuery);
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await correction(personEnrolled, { personId: LATE, districtCode: '610113', occurredOn: '2026-11-12', judgmentEffectiveOn: '2026-11-01' });
  await correction(personCheckInMissed, { personId: LATE, districtCode: '610113', occurredOn: '2026-11-19' });
  await correction(personEnrolled, { personId: ELSEWHERE, districtCode: '610102', occurredOn: '2026-11-05', judgmentEffectiveOn: '2026-11-01' });
  for (const personId of MANY) {
    await correction(personEnrolled, { personId, districtCode: '610113', occurredOn: '2026-11-20', judgmentEffectiveOn: '2026-11-10' });
    await correction(personCheckInMissed, { personId, districtCode: '610113', occurredOn: '2026-11-27' });
  }
  const expected = 3 + 2 * MANY.length;
  await waitFor(async () => (await count(`SELECT count(*) FROM supervision_event`)) === expected, { what: `${expected} supervision events applied`, timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const as = async <T>(who: Identity, query: string, variables: Record<string, unknown> = {}) => graphql<T>(api.url, query, variables, await api.keys.token(who));

const PERSON = `query($personId: ID!) {
  supervisedPerson(personId: $personId) {
    personId districtCode judgmentEffectiveOn enrolledOn reportedInOn reportingDelayDays checkIns missedCheckIns
    record { type occurredOn recordedAt clue { id title } }
    clues { id title source category status }
  }
}`;

interface PersonView {
  supervisedPerson: {
    personId: string;
    reportingDelayDays: number | null;
    record: { type: string; occurredOn: string; clue: { id: string; title: string } | null }[];
    clues: { id: string; title: string; source: string }[];
  } | null;
}

describe('Query.supervisedPerson', () => {
  it('shows the district’s procurator the person’s record, oldest first, and the clue the late reporting-in raised', async () => {
    const res = await as<PersonView>(identityOf(Role.PROCURATOR, '610113'), PERSON, { personId: LATE });
    expect(res.errors).toBeUndefined();
    const person = res.data!.supervisedPerson!;
    expect(person).toMatchObject({
      personId: LATE,
      districtCode: '610113',
      judgmentEffectiveOn: '2026-11-01',
      enrolledOn: '2026-11-12',
      reportedInOn: null,
      reportingDelayDays: 11,
      checkIns: 0,
      missedCheckIns: 1,
    });
    const title = `社区矫正对象 ${LATE} 报到超期（判决生效后第 11 日报到）`;
    expect(person.clues).toEqual([{ id: expect.any(String), title, source: 'COMMUNITY_CORRECTIONS', category: 'COMMUNITY_CORRECTIONS', status: 'SUBMITTED' }]);
    expect(person.record.map((e) => [e.type, e.occurredOn, e.clue])).toEqual([
      ['enrolled', '2026-11-12', { id: person.clues[0]!.id, title }],
      ['check-in-missed', '2026-11-19', null],
    ]);
  });

  it('answers null to another district’s procurator, a grid worker and an analyst, as if the person did not exist', async () => {
    for (const who of [identityOf(Role.PROCURATOR, '610102'), identityOf(Role.GRID_WORKER, '610113'), identityOf(Role.ANALYST, '610100')]) {
      const res = await as<PersonView>(who, PERSON, { personId: LATE });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ supervisedPerson: null });
    }
    const unknown = await as<PersonView>(identityOf(Role.PROCURATOR, '610113'), PERSON, { personId: 'SXJZ-0000-0000' });
    expect(unknown.data).toEqual({ supervisedPerson: null });
  });

  it('shows city-wide staff every district', async () => {
    const res = await as<PersonView>(identityOf(Role.LEADER, '610100'), PERSON, { personId: ELSEWHERE });
    expect(res.data!.supervisedPerson).toMatchObject({ personId: ELSEWHERE, reportingDelayDays: 4, clues: [] });
  });
});

const LIST = `query($first: Int, $after: String, $districtCode: ID) {
  supervisedPersons(first: $first, after: $after, districtCode: $districtCode) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { personId record { type clue { id number } } clues { id number } } }
  }
}`;

interface ListView {
  supervisedPersons: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { personId: string } }[] };
}

describe('Query.supervisedPersons', () => {
  it('lists the caller’s district by person id, page after page', async () => {
    const clerk = identityOf(Role.CLERK, '610113');
    const first = await as<ListView>(clerk, LIST, { first: 20 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.supervisedPersons;
    expect(page1.totalCount).toBe(1 + MANY.length);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = (await as<ListView>(clerk, LIST, { first: 20, after: page1.pageInfo.endCursor })).data!.supervisedPersons;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...page1.edges, ...second.edges].map((e) => e.node.personId);
    expect(ids).toEqual([LATE, ...MANY].sort());
  });

  it('lists nothing of another district for district staff, and any district for the city', async () => {
    const other = await as<ListView>(identityOf(Role.PROCURATOR, '610113'), LIST, { districtCode: '610102' });
    expect(other.data!.supervisedPersons).toMatchObject({ totalCount: 0, edges: [] });
    const city = await as<ListView>(identityOf(Role.CITY_ADMIN, '610100'), LIST, { districtCode: '610102' });
    expect(city.data!.supervisedPersons.edges.map((e) => e.node.personId)).toEqual([ELSEWHERE]);
    const partner = await as<ListView>(identityOf(Role.PARTNER, '610100'), LIST, {});
    expect(partner.data!.supervisedPersons.totalCount).toBe(0);
  });

  it('costs the same few SQL statements for a page of 3 or of 30 persons with their records and clues (no N+1)', async () => {
    const statementsFor = async (first: number) =>
      (
        await recorder.statementsOf(async () => {
          const res = await as<ListView>(identityOf(Role.LEADER, '610113'), LIST, { first });
          expect(res.data!.supervisedPersons.edges).toHaveLength(first);
        })
      ).length;
    const small = await statementsFor(3);
    expect(await statementsFor(30)).toBe(small);
    expect(small).toBeGreaterThanOrEqual(4); // counted at all
    expect(small).toBeLessThanOrEqual(5); // persons, count, records, clues, the clues the record names
  });
});

describe('inbound topics through the broker', () => {
  const referral = (overrides: Partial<GridCentreReferralData>): GridCentreReferralData => ({
    referralId: 'YT-2026-0001',
    centreCode: 'YT-ZZZX',
    districtCode: '610113',
    gridCode: '610113-001-001-01',
    category: 'PUBLIC_INTEREST_WORK_SAFETY',
    title: '建筑工地脚手架隐患',
    description: '综治中心巡查发现工地脚手架未设防护网。',
    location: null,
    referredAt: new Date().toISOString(),
    ...overrides,
  });

  it('dead-letters a grid centre’s referral from outside the city with its reason and goes on with the next', async () => {
    await send(gridCentreReferralSubmitted, 'YT-2026-0001', '610199', referral({ districtCode: '610199', gridCode: null }));
    await send(gridCentreReferralSubmitted, 'YT-2026-0001', '610113', referral({}));
    await waitFor(async () => (await count(`SELECT count(*) FROM clue WHERE origin_ref = 'grid-centre:YT-2026-0001'`)) === 1, { what: 'the good referral’s clue' });

    const consumer = kafka.consumer({ groupId: `${NAMESPACE}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${NAMESPACE}${gridCentreReferralSubmitted.dlqTopic}`, fromBeginning: true });
    const reasons: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['dlq-reason'] ?? '')) });
    try {
      const reason = await waitFor(async () => reasons[0], { what: 'the dead letter' });
      expect(reason).toContain('grid-centre referral YT-2026-0001 from YT-ZZZX: district 610199 is not one of the 13 districts of the city');
    } finally {
      await consumer.disconnect();
    }
  });
});
