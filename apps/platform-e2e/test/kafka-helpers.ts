import { waitFor } from '@pgov/testing';
import type { Kafka } from 'kafkajs';

/** Waits until a consumer group has committed every message on the topic. */
export async function caughtUp(kafka: Kafka, group: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        return ends.every((end) => {
          const c = committed!.partitions.find((p) => p.partition === end.partition);
          return Number(end.high) === 0 || Number(c?.offset ?? -1) >= Number(end.high);
        });
      },
      { what: `${group} to catch up on ${topic}`, timeoutMs: 30_000 },
    );
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  key: Buffer | null;
  value: Buffer | null;
}

/**
 * Reads a topic from the beginning to its current end (as a partner's consumer would) and returns
 * the messages that `keep` selects; waits until at least one is there.
 */
export async function readTopic(kafka: Kafka, topic: string, groupId: string, keep: (m: ReadMessage) => boolean): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > 0).map((e) => [e.partition, Number(e.high)]));
  const kept: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (keep(message)) kept.push({ key: message.key, value: message.value });
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
      },
    });
    await waitFor(async () => remaining.size === 0 && kept.length > 0, { what: `messages on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
  return kept;
}
