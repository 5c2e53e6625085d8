import { testDatabaseUrl } from './database';
import { kafkaBrokers } from './kafka';
import type { TestKeys } from './keys';

/**
 * The environment a service reads in a test: its test database, the test broker under the test's
 * Kafka namespace, the test key, any free port; `extra` on top (e.g. OUTBOX_POLL_MS).
 */
export function serviceTestEnv(
  service: string,
  { keys, namespace, extra = {} }: { keys: TestKeys; namespace: string; extra?: Record<string, string> },
): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(service),
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_NAMESPACE: namespace,
    AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
    PORT: '0',
    ...extra,
  };
}
