import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { HEADERS, headerText, type MessageHeaders } from './headers';
import { kafkajsOf, physicalTopic, type KafkaConnection } from './kafka';

/** A message in a dead-letter topic: the original key, value and headers, and why it is there. */
export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  reason: string;
  /** Where it came from (physical topic, partition, offset) and which group gave up on it. */
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  consumerGroup: string;
  failedAt: string;
}

const isDlqHeader = (name: string) => name.startsWith('dlq-');

function textHeaders(headers: MessageHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Every message in `<topic>.dlq` (logical topic, in the connection's namespace), read from the
 * beginning up to its end when called, by a throw-away consumer group deleted afterwards.
 */
export async function readDeadLetters(kafka: KafkaConnection, topic: string, options: { timeoutMs?: number } = {}): Promise<DeadLetter[]> {
  const client = kafkajsOf(kafka);
  const dlq = physicalTopic(kafka, `${topic}.dlq`);
  const admin = client.admin();
  await admin.connect();
  const groupId = `${kafka.namespace}dlq-reader-${randomUUID()}`;
  try {
    // Where the topic ends now: read until every partition reached it.
    const ends = new Map((await admin.fetchTopicOffsets(dlq)).map((p) => [p.partition, BigInt(p.high)]));
    const pending = () => [...ends.values()].some((end) => end > 0n);
    const letters: DeadLetter[] = [];
    if (!pending()) return letters;
    const consumer = client.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [dlq], fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${dlq} took longer than ${options.timeoutMs ?? 30_000} ms`)), options.timeoutMs ?? 30_000);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const headers = textHeaders(message.headers);
            letters.push({
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers,
              reason: headers[HEADERS.dlqReason] ?? '',
              originalTopic: headers[HEADERS.dlqOriginalTopic] ?? '',
              originalPartition: Number(headers[HEADERS.dlqOriginalPartition] ?? -1),
              originalOffset: headers[HEADERS.dlqOriginalOffset] ?? '',
              consumerGroup: headers[HEADERS.dlqConsumerGroup] ?? '',
              failedAt: headers[HEADERS.dlqFailedAt] ?? '',
            });
            if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) ends.set(partition, 0n);
            if (!pending()) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
      await done;
    } finally {
      await consumer.disconnect();
    }
    return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Sends dead letters back to the topic they came from, as they were (key, value, original headers
 * without the dlq-* ones), once the cause is fixed. Consumers de-duplicate by event id, so an
 * event that was in fact applied meanwhile changes nothing. Answers how many were sent.
 */
export async function replayDeadLetters(kafka: KafkaConnection, letters: readonly DeadLetter[]): Promise<number> {
  if (letters.length === 0) return 0;
  const producer = kafkajsOf(kafka).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const byTopic = new Map<string, DeadLetter[]>();
    for (const letter of letters) {
      if (!letter.originalTopic) throw new Error(`dead letter at offset ${letter.offset} names no original topic`);
      const list = byTopic.get(letter.originalTopic);
      if (list) list.push(letter);
      else byTopic.set(letter.originalTopic, [letter]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((l) => ({
          key: l.key,
          value: l.value,
          headers: Object.fromEntries(Object.entries(l.headers).filter(([name]) => !isDlqHeader(name))),
        })),
      })),
    });
    return letters.length;
  } finally {
    await producer.disconnect();
  }
}
