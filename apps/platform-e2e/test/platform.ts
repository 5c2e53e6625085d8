import { Kafka, logLevel } from 'kafkajs';
import type { Identity } from '@pgov/auth';
import {
  createTestKeys,
  freePort,
  graphql,
  kafkaBrokers,
  kafkaTestSecurity,
  personalDataTestEnv,
  startProcess,
  testDatabaseUrl,
  truncateTables,
  waitUntilReady,
  type RunningProcess,
  type TestKeys,
} from '@pgov/testing';

export const SERVICES = ['grids', 'clues', 'petitions', 'indicators'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The whole platform as separate processes, as deployed: four subgraphs on their test databases
 * and one gateway, on the real broker under a Kafka namespace of their own. A service named in
 * `external` is not started: the gateway reaches it at that GraphQL URL (one the test runs itself,
 * signing with `keys`).
 */
export async function startPlatform(
  namespace: string,
  options: { env?: Partial<Record<ServiceName, Record<string, string>>>; common?: Record<string, string>; external?: Partial<Record<ServiceName, string>>; keys?: TestKeys } = {},
) {
  const keys: TestKeys = options.keys ?? (await createTestKeys());
  await Promise.all([
    truncateTables(testDatabaseUrl('grids'), ['district']),
    truncateTables(testDatabaseUrl('clues')),
    truncateTables(testDatabaseUrl('petitions')),
    truncateTables(testDatabaseUrl('indicators'), ['indicator']),
  ]);
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<ServiceName, number>;
  const gatewayPort = await freePort();
  const common = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_NAMESPACE: namespace,
    AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
    // Grids encrypts members' phones and ID numbers with these (fresh for each run).
    ...personalDataTestEnv(keys),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    OUTBOX_POLL_MS: '50',
    APOLLO_TELEMETRY_DISABLED: 'true',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    // Env of every process, the gateway too (e.g. OTEL_EXPORTER_OTLP_ENDPOINT).
    ...options.common,
  };
  const envOf = (s: ServiceName, extra: Record<string, string> = {}) => ({
    ...common,
    PORT: String(ports[s]),
    DATABASE_URL: testDatabaseUrl(s),
    ...options.env?.[s],
    ...extra,
  });
  const processes = new Map<string, RunningProcess>();

  /** Starts a service's process; `extra` env on top (e.g. CLOCK_START, to restart it months later). */
  const startService = async (s: ServiceName, extra: Record<string, string> = {}) => {
    const proc = startProcess(s, `apps/${s}/src/main.ts`, envOf(s, extra));
    processes.set(s, proc);
    await waitUntilReady(`http://127.0.0.1:${ports[s]}/readyz`, proc);
  };

  const stopAll = async () => {
    await Promise.all([...processes.values()].map((p) => p.stop()));
  };
  let gateway: RunningProcess;
  try {
    await Promise.all(SERVICES.filter((s) => !options.external?.[s]).map((s) => startService(s)));
    gateway = startProcess('gateway', 'apps/gateway/src/main.ts', {
      ...common,
      PORT: String(gatewayPort),
      ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, options.external?.[s] ?? `http://127.0.0.1:${ports[s]}/graphql`])),
    });
    processes.set('gateway', gateway);
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/readyz`, gateway);
  } catch (error) {
    // Half a platform must not outlive a failed start.
    await stopAll();
    throw error;
  }

  const kafka = new Kafka({ clientId: 'platform-e2e', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() });
  return {
    keys,
    kafka,
    url: `http://127.0.0.1:${gatewayPort}/graphql`,
    /** The gateway's Prometheus metrics. */
    metricsUrl: `http://127.0.0.1:${gatewayPort}/metrics`,
    /** A service's own GraphQL endpoint (bypassing the gateway). */
    subgraphUrl: (s: ServiceName) => options.external?.[s] ?? `http://127.0.0.1:${ports[s]}/graphql`,
    /** Stops a service (SIGTERM: graceful; SIGKILL: a crash). */
    stop: (s: ServiceName, signal?: NodeJS.Signals) => processes.get(s)!.stop(signal),
    start: startService,
    async stopAll() {
      await gateway.stop();
      await stopAll();
    },
  };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * Calls through the platform's gateway as an identity (a token signed with the platform's key):
 * `as` answers the whole response, `ok` fails the test on any error and answers the data.
 * `platform` is read at call time (the specs start it in beforeAll).
 */
export function gatewayCalls(platform: () => Platform) {
  async function as<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(platform().url, query, variables, await platform().keys.token(identity));
  }
  async function ok<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
    const res = await as<T>(identity, query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }
  return { as, ok };
}
