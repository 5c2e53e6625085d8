// Real Kafka for the integration tests (KAFKA_BROKERS, default 127.0.0.1:9092; `bash tools/infra/kafka.sh start`).
// Raw kafkajs is used here only to do what services never do: write malformed records and read topics back.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type IHeaders, type Message } from 'kafkajs';
import { kafkaSecurityFromEnv } from '@pgov/config';
import { createKafka, type KafkaConnection, type MessagingLogger } from '../../src';

export const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
/** The test's principal on a secure broker (tools/test.sh exports the admin's); none on a plaintext one. */
export const SECURITY = kafkaSecurityFromEnv();

export function suffix(): string {
  return randomBytes(4).toString('hex');
}

/** Warnings and errors to the console when MESSAGING_TEST_LOG=1; otherwise quiet. */
export const testLogger: MessagingLogger = (() => {
  const loud = process.env['MESSAGING_TEST_LOG'] === '1';
  const print = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    if (loud) console.log(level, message, JSON.stringify(fields));
  };
  return { debug: () => undefined, info: print('info'), warn: print('warn'), error: print('error') };
})();

export function testKafka({ clientId = `messaging-test-${suffix()}`, namespace }: { clientId?: string; namespace?: string } = {}): KafkaConnection {
  return createKafka({ clientId, brokers: BROKERS, logger: testLogger, logLevel: 'error', ...SECURITY, ...(namespace === undefined ? {} : { namespace }) });
}

/** Kafka admin for assertions on what exists on the cluster (topics, groups). */
export async function withAdmin<T>(fn: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = raw.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

const raw = new Kafka({ clientId: 'messaging-test-raw', brokers: BROKERS, logLevel: logLevel.NOTHING, ...SECURITY });

export async function produceRaw(topic: string, messages: Message[]): Promise<void> {
  const producer = raw.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** One producer for several sends (records written back to back, without a connection each). */
export async function withProducer<T>(fn: (send: (topic: string, messages: Message[]) => Promise<void>) => Promise<T>): Promise<T> {
  const producer = raw.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    return await fn(async (topic, messages) => {
      await producer.send({ topic, messages, acks: -1 });
    });
  } finally {
    await producer.disconnect();
  }
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
  );
}

/** Number of records ever written to `topic` (sum of high watermarks). Exact, no waiting. */
export async function recordCount(topic: string): Promise<number> {
  const admin = raw.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads `topic` from the beginning with a throw-away group until `count` records arrived (bounded). */
export async function readTopic(topic: string, count: number, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const consumer = raw.consumer({ groupId: `reader-${suffix()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: textHeaders(message.headers),
        });
      },
    });
    await waitFor(() => records.length >= count, { timeoutMs, what: `${count} records on ${topic}` });
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Polls `check` every `intervalMs` until it is true; fails after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Deletes test topics (and their DLQs) that exist; best effort, so a dev broker does not fill up. */
export async function deleteTopics(topics: string[]): Promise<void> {
  const admin = raw.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const doomed = topics.flatMap((topic) => [topic, `${topic}.dlq`]).filter((topic) => existing.has(topic));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: 10_000 });
  } catch {
    // leftovers are harmless: every test uses fresh names
  } finally {
    await admin.disconnect();
  }
}
