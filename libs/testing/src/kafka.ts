import { Kafka, logLevel } from 'kafkajs';

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}

/**
 * Deletes the topics (and their DLQs) and the consumer groups, so an end-to-end test starts from
 * empty topics: services recreate them at start. Missing topics and groups are fine.
 */
export async function resetTopics(topics: string[], groups: string[] = []): Promise<void> {
  const admin = new Kafka({ clientId: 'test-reset', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    const doomed = topics.flatMap((t) => [t, `${t}.dlq`]).filter((t) => existing.has(t));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: 30_000 });
    // Deletion is asynchronous in the broker: wait until the topics are really gone.
    for (let i = 0; i < 100; i++) {
      const left = new Set(await admin.listTopics());
      if (!doomed.some((t) => left.has(t))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`topics still present after deletion: ${doomed.join(', ')}`);
  } finally {
    await admin.disconnect();
  }
}
