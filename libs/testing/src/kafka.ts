import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurityFromEnv } from '@pgov/config';

/**
 * The test's own principal on a secure broker: KAFKA_SASL_USERNAME/PASSWORD (tools/test.sh exports
 * the admin's) and KAFKA_SSL_CA_FILE; nothing set, plaintext. Spread into new Kafka({...}).
 */
export function kafkaTestSecurity() {
  return kafkaSecurityFromEnv();
}

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}

/**
 * A fresh Kafka namespace (`t<8 hex>.`) for one test file: pass it as KAFKA_NAMESPACE (or
 * createKafka's `namespace`) so its topics and consumer groups are its own on a shared broker.
 */
export function testNamespace(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/**
 * Deletes every topic whose name starts with `namespace` (DLQs included) and, best effort, its
 * consumer groups; waits until the topics are gone (bounded). Refuses an empty namespace.
 */
export async function deleteNamespace(namespace: string, { timeoutMs = 20_000, security = kafkaTestSecurity() } = {}): Promise<void> {
  if (!/^[a-zA-Z0-9._-]+$/.test(namespace)) throw new Error(`not a Kafka namespace: ${JSON.stringify(namespace)}`);
  const admin = new Kafka({ clientId: 'test-delete-namespace', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...security }).admin();
  await admin.connect();
  try {
    const inNamespace = async () => (await admin.listTopics()).filter((t) => t.startsWith(namespace));
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(namespace));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined); // a live member keeps its group
    const doomed = await inNamespace();
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: timeoutMs });
    // Deletion is asynchronous in the broker: wait until the topics are really gone.
    const deadline = Date.now() + timeoutMs;
    for (let left = await inNamespace(); left.length > 0; left = await inNamespace()) {
      if (Date.now() > deadline) throw new Error(`topics still present after deletion: ${left.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
