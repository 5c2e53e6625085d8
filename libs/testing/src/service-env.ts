import { generatePersonalDataKeyEnv } from '@pgov/privacy';
import { testDatabaseUrl } from './database';
import { kafkaBrokers } from './kafka';
import type { TestKeys } from './keys';

// One set of personal-data keys per test key pair: every process a test starts with the same
// TestKeys (a service restarted, the whole platform) reads what the others wrote.
const personalDataKeys = new WeakMap<TestKeys, Record<string, string>>();

/**
 * PERSONAL_DATA_KEYS, PERSONAL_DATA_ACTIVE_KEY and PERSONAL_DATA_HASH_KEY for a test: random, made
 * once per `keys` (no fixed key exists anywhere for a test to lean on).
 */
export function personalDataTestEnv(keys: TestKeys): Record<string, string> {
  let env = personalDataKeys.get(keys);
  if (!env) {
    env = generatePersonalDataKeyEnv('test1');
    personalDataKeys.set(keys, env);
  }
  return env;
}

/**
 * KAFKA_SASL_* and KAFKA_SSL* of this process (the test's principal and CA when the test broker is
 * secure: tools/test.sh exports the admin's), for a program's environment built from scratch.
 */
export function kafkaSecurityTestEnv(): Record<string, string> {
  const names = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL', 'KAFKA_SSL_CA_FILE'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}

/**
 * The environment a service reads in a test: its test database, the test broker under the test's
 * Kafka namespace (as the test's principal: services create their namespaced topics, which their
 * own principals may not; the ACLs themselves are infra/test/broker-security.spec.ts's), the test
 * key, the personal-data keys, any free port; `extra` on top (e.g. OUTBOX_POLL_MS).
 */
export function serviceTestEnv(
  service: string,
  { keys, namespace, extra = {} }: { keys: TestKeys; namespace: string; extra?: Record<string, string> },
): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(service),
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_NAMESPACE: namespace,
    ...kafkaSecurityTestEnv(),
    AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
    PORT: '0',
    ...personalDataTestEnv(keys),
    ...extra,
  };
}
