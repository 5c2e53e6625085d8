/**
 * The broker as in production, on the real broker the test command starts (tools/infra/kafka.sh,
 * KAFKA_SECURITY=scram): SCRAM principals, the TLS listener for partners, ACLs from the declarations
 * in libs/contracts, granted here in this file's namespace (as tools/kafka/principals.ts grants them
 * for real names). Every refusal is asserted by its error type, so a timeout cannot pass for one.
 * Needs the admin's credentials (KAFKA_SASL_USERNAME/PASSWORD, or credentials/admin.env under
 * KAFKA_RUN_DIR) and the partners' and services' credentials files made at format time.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import {
  allEvents,
  buildEnvelope,
  CLUE_CATEGORIES,
  gridCentreReferralSubmitted,
  partnerAccess,
  partnerByPrincipal,
  SERVICE_ACCESS,
  type GridCentreReferralData,
  type KafkaAccess,
} from '@pgov/contracts';
import { createEventConsumer, createKafka, on, readDeadLetters, silentLogger } from '@pgov/messaging';
import { deleteNamespace, testNamespace } from '@pgov/testing';
import { createTestDatabase, type TestDatabase } from '../../libs/messaging/test/support/database';
import { adminSecurity, brokers, caFile, createTopics, grantAccess, kcatConfig, readCredentials, revokeAccess, withAdmin } from '../../tools/kafka/broker';

const ns = testNamespace();
const TLS_BROKERS = (process.env['KAFKA_TLS_BROKERS'] ?? `127.0.0.1:${process.env['KAFKA_TLS_PORT'] ?? '9094'}`).split(',');
const TOPICS = ['petitions.petition.v1', 'clues.clue.v1', 'corrections.person.v1', 'gridcentre.referral.v1'];
const T = (logical: string) => ns + logical;

const partner = (principal: string): KafkaAccess => partnerAccess(partnerByPrincipal(principal)!);
const service = (principal: string): KafkaAccess => SERVICE_ACCESS.find((s) => s.principal === principal)!;
const granted = [partner('partner-gridcentre'), partner('partner-corrections'), service('petitions'), service('indicators'), service('clues')];

function password(principal: string): string {
  const credentials = readCredentials(principal);
  if (!credentials) throw new Error(`no credentials for ${principal}: is the broker secure (tools/infra/kafka.sh start, KAFKA_SECURITY=scram)?`);
  return credentials.password;
}

/** A kafkajs client as `principal`: services on the loopback SASL_PLAINTEXT listener, partners over TLS. */
function clientAs(principal: string, { tls = principal.startsWith('partner-'), pass = password(principal) } = {}): Kafka {
  return new Kafka({
    clientId: `security-spec-${principal}`,
    brokers: tls ? TLS_BROKERS : brokers(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 1, initialRetryTime: 100 },
    sasl: { mechanism: 'scram-sha-512', username: principal, password: pass },
    ...(tls ? { ssl: { ca: [readFileSync(caFile(), 'utf8')] } } : {}),
  });
}

const closing: (Consumer | Producer)[] = [];
const producerOf = async (kafka: Kafka) => {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  closing.push(producer);
  await producer.connect();
  return producer;
};

/** Reads `count` messages of `topic` from the beginning in `groupId`. */
async function readAs(kafka: Kafka, groupId: string, topic: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  closing.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const values: string[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
    void consumer.run({ eachMessage: async ({ message }) => {
      values.push(message.value?.toString() ?? '');
      if (values.length >= count) resolve();
    } }).catch(reject);
  });
  await consumer.disconnect();
  return values;
}

beforeAll(async () => {
  if (!adminSecurity().sasl) throw new Error('no admin credentials: the broker under test is not secure (KAFKA_SECURITY=scram)');
  await withAdmin(async (admin) => {
    await createTopics(admin, allEvents.filter((def) => TOPICS.includes(def.topic)), ns);
    for (const access of granted) await grantAccess(admin, access, ns);
  });
});

afterAll(async () => {
  for (const client of closing) await client.disconnect().catch(() => undefined);
  await withAdmin(async (admin) => {
    for (const access of granted) await revokeAccess(admin, access, ns);
  });
  await deleteNamespace(ns);
});

describe('partners', () => {
  it('a partner reads a partner-readable topic over TLS and is refused an internal one (authorization, not a timeout)', async () => {
    const petitions = await producerOf(clientAs('petitions'));
    await petitions.send({ topic: T('petitions.petition.v1'), messages: [{ key: 'p1', value: 'petition event' }] });

    const gridcentre = clientAs('partner-gridcentre');
    expect(await readAs(gridcentre, T('partner-gridcentre.spec'), T('petitions.petition.v1'), 1)).toEqual(['petition event']);
    await expect(readAs(gridcentre, T('partner-gridcentre.spec2'), T('clues.clue.v1'), 1)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    // Its groups are its own: another name is refused.
    await expect(readAs(gridcentre, T('indicators'), T('petitions.petition.v1'), 1)).rejects.toThrow(/group|coordinator/i);
  });

  it('a wrong password is refused', async () => {
    const admin = clientAs('partner-gridcentre', { pass: 'not-the-password' }).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    const internal = clientAs('clues', { pass: `${password('clues')}x` }).admin();
    await expect(internal.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it("a partner cannot write another partner's inbound topic, only its own", async () => {
    const corrections = await producerOf(clientAs('partner-corrections'));
    // kafkajs reports the broker's TOPIC_AUTHORIZATION_FAILED on send as this non-retriable error.
    await expect(corrections.send({ topic: T('gridcentre.referral.v1'), messages: [{ value: 'forged referral' }] })).rejects.toThrow(
      'Not authorized to access topics: [Topic authorization failed]',
    );
    await expect(corrections.send({ topic: T('corrections.person.v1'), messages: [{ key: 'x', value: 'not json' }] })).resolves.toBeDefined();
  });

  it('kcat over TLS with the onboarding config sees its topics and is refused the internal ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgov-kcat-'));
    try {
      const config = join(dir, 'kcat.conf');
      writeFileSync(config, kcatConfig({ username: 'partner-gridcentre', password: password('partner-gridcentre') }, caFile()), { mode: 0o600 });
      const kcat = (...args: string[]) => promisify(execFile)('kcat', ['-F', config, '-b', TLS_BROKERS.join(','), ...args], { timeout: 30_000 });
      const { stdout } = await kcat('-L', '-t', T('petitions.petition.v1'));
      expect(stdout).toContain(`topic "${T('petitions.petition.v1')}" with 3 partitions`);
      await expect(kcat('-C', '-t', T('clues.clue.v1'), '-o', 'beginning', '-e')).rejects.toMatchObject({ stderr: expect.stringContaining('Topic authorization failed') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('services', () => {
  it('a service cannot read a topic it has no business with', async () => {
    // indicators counts petitions and clues; the persons under community corrections are not its business.
    await expect(readAs(clientAs('indicators'), T('indicators'), T('corrections.person.v1'), 1)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    // petitions consumes nothing at all.
    await expect(readAs(clientAs('petitions'), T('petitions'), T('clues.clue.v1'), 1)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });
});

describe('inbound topics', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.close());

  it("a malformed partner event lands in the DLQ with its reason, as the clues principal, and the next one is processed", async () => {
    const data: GridCentreReferralData = {
      referralId: `R-${ns}1`,
      centreCode: 'ZZ-330102',
      districtCode: '330102',
      gridCode: null,
      category: CLUE_CATEGORIES[0]!,
      title: 'A referral',
      description: 'Referred by the grid centre.',
      location: null,
      referredAt: new Date().toISOString(),
    };
    const valid = buildEnvelope(gridCentreReferralSubmitted, { subject: data.referralId, district: data.districtCode, data }, { source: 'gridcentre' });
    const gridcentre = await producerOf(clientAs('partner-gridcentre'));
    // One partition: the bad one strictly before the good one.
    await gridcentre.send({
      topic: T('gridcentre.referral.v1'),
      messages: [
        { key: 'r1', value: '{"this is": not json', partition: 0 },
        { key: valid.subject, value: JSON.stringify(valid), partition: 0 },
      ],
    });

    const seen: string[] = [];
    const { password: cluesPassword } = readCredentials('clues')!;
    const kafka = createKafka({ clientId: 'security-spec-clues', brokers: brokers(), namespace: ns, sasl: { mechanism: 'scram-sha-512', username: 'clues', password: cluesPassword } });
    const processed = new Promise<void>((resolve) => {
      const consumer = createEventConsumer({
        kafka,
        groupId: 'clues',
        logger: silentLogger,
        db: database.db,
        fromBeginning: true,
        maxWaitTimeMs: 200,
        handlers: [on(gridCentreReferralSubmitted, async (envelope) => {
          seen.push(envelope.id);
          resolve();
        })],
      });
      afterAllStop.push(() => consumer.stop());
      void consumer.start();
    });
    await processed;
    expect(seen).toEqual([valid.id]);

    const letters = await readDeadLetters(createKafka({ clientId: 'security-spec-admin', brokers: brokers(), namespace: ns, ...adminSecurity() }), 'gridcentre.referral.v1');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ key: 'r1', consumerGroup: T('clues'), originalTopic: T('gridcentre.referral.v1'), originalOffset: '0' });
    expect(letters[0]!.reason).toMatch(/JSON/i);
  });
});

const afterAllStop: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of afterAllStop) await stop().catch(() => undefined);
});
