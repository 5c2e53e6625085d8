/**
 * The local broker's principals, as its admin: SCRAM users, ACLs and topics from the declarations
 * in libs/contracts (kafka-access, principals, partners). Used by tools/infra/kafka.sh (at start),
 * tools/partners.ts (onboarding) and the tests on the real broker.
 *
 * Where things are: KAFKA_RUN_DIR (default .run/kafka) holds credentials/<principal>.env (mode 0600)
 * and tls/ca.pem; KAFKA_CREDENTIALS_DIR overrides the former. The admin connects with
 * KAFKA_SASL_USERNAME/PASSWORD when set, else with credentials/admin.env.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Admin, type AclEntry } from 'kafkajs';
import { kafkaSecurityFromEnv, type KafkaClientSecurity } from '@pgov/config';
import { aclsOf, allTopics, dlqTopicOf, type Acl, type AnyEventDefinition, type KafkaAccess } from '@pgov/contracts';

export const ROOT = resolve(__dirname, '..', '..');

export function runDir(): string {
  return process.env['KAFKA_RUN_DIR'] ?? join(ROOT, '.run', 'kafka');
}

export function credentialsDir(): string {
  return process.env['KAFKA_CREDENTIALS_DIR'] ?? join(runDir(), 'credentials');
}

export function caFile(): string {
  return join(runDir(), 'tls', 'ca.pem');
}

export interface Credentials {
  username: string;
  password: string;
}

/** A principal's SCRAM credentials from its file, or undefined when it has none. */
export function readCredentials(principal: string, dir = credentialsDir()): Credentials | undefined {
  const file = join(dir, `${principal}.env`);
  if (!existsSync(file)) return undefined;
  const values = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = values;
  if (!username || !password) throw new Error(`${file} lacks KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD`);
  return { username, password };
}

/** Writes a principal's credentials file (mode 0600) with a new random password; returns them. */
export function newCredentials(principal: string, dir = credentialsDir()): Credentials {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const credentials = { username: principal, password: randomBytes(24).toString('hex') };
  const file = join(dir, `${principal}.env`);
  writeFileSync(file, `KAFKA_SASL_MECHANISM=scram-sha-512\nKAFKA_SASL_USERNAME=${principal}\nKAFKA_SASL_PASSWORD=${credentials.password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

export function brokers(): string[] {
  return (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
}

/** The admin's client security: the environment's SASL settings, else credentials/admin.env, else none (plaintext). */
export function adminSecurity(): KafkaClientSecurity {
  const fromEnv = kafkaSecurityFromEnv();
  if (fromEnv.sasl) return fromEnv;
  const admin = readCredentials('admin');
  return admin ? { sasl: { mechanism: 'scram-sha-512', ...admin } } : fromEnv;
}

export function adminClient(clientId = 'pgov-kafka-admin'): Kafka {
  return new Kafka({ clientId, brokers: brokers(), logLevel: logLevel.NOTHING, ...adminSecurity() });
}

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = adminClient().admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

const OPERATIONS: Record<Acl['operations'][number], AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
  Delete: AclOperationTypes.DELETE,
};

/** kafkajs ACL bindings (ALLOW, any host) of one principal's ACLs. */
export function aclEntries(principal: string, acls: readonly Acl[]): AclEntry[] {
  return acls.flatMap((acl) =>
    acl.operations.map((operation) => ({
      resourceType: acl.resource.type === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
      resourceName: acl.resource.name,
      resourcePatternType: acl.resource.patternType === 'prefix' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${principal}`,
      host: '*',
      operation: OPERATIONS[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/** Grants a principal its declared ACLs (in `namespace`, for tests); idempotent. */
export async function grantAccess(admin: Admin, access: KafkaAccess, namespace = ''): Promise<void> {
  const entries = aclEntries(access.principal, aclsOf(access, { namespace }));
  if (entries.length > 0) await admin.createAcls({ acl: entries });
}

/** Removes exactly what grantAccess granted. */
export async function revokeAccess(admin: Admin, access: KafkaAccess, namespace = ''): Promise<void> {
  const entries = aclEntries(access.principal, aclsOf(access, { namespace }));
  if (entries.length > 0) await admin.deleteAcls({ filters: entries });
}

/** Creates the definitions' topics and DLQs that are missing (3 partitions); returns those created. */
export async function createTopics(admin: Admin, definitions: readonly AnyEventDefinition[], namespace = ''): Promise<string[]> {
  const wanted = allTopics(definitions).flatMap((topic) => [topic, dlqTopicOf(topic)]).map((topic) => namespace + topic);
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic));
  if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 3 })) });
  return missing;
}

/** librdkafka properties (kcat -F) for a partner: SCRAM-SHA-512 over TLS, trusting the local CA. */
export function kcatConfig(credentials: Credentials, caLocation: string): string {
  return [
    'security.protocol=SASL_SSL',
    'sasl.mechanisms=SCRAM-SHA-512',
    `sasl.username=${credentials.username}`,
    `sasl.password=${credentials.password}`,
    `ssl.ca.location=${caLocation}`,
    '',
  ].join('\n');
}

const run = promisify(execFile);

/**
 * Creates or re-keys a SCRAM-SHA-512 user on the running broker (kafkajs has no
 * AlterUserScramCredentials): kafka.admin.ConfigCommand from the fetched jars, as admin. The
 * password travels in a temporary 0600 file, never on a command line.
 */
export async function upsertScramUser({ username, password }: Credentials): Promise<void> {
  const admin = adminSecurity().sasl;
  if (!admin) throw new Error('no admin credentials (KAFKA_SASL_USERNAME/PASSWORD or credentials/admin.env): is the broker secure?');
  const dir = mkdtempSync(join(tmpdir(), 'pgov-scram-'));
  try {
    const commandConfig = join(dir, 'admin.properties');
    const userConfig = join(dir, 'user.properties');
    writeFileSync(
      commandConfig,
      'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n' +
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";\n`,
      { mode: 0o600 },
    );
    writeFileSync(userConfig, `SCRAM-SHA-512=iterations=8192,password=${password}\n`, { mode: 0o600 });
    const log4j = join(dir, 'log4j.properties');
    writeFileSync(log4j, 'log4j.rootLogger=ERROR, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n');
    await run(
      'java',
      [
        '-Xmx256m',
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        join(ROOT, '.cache', 'kafka', 'libs', '*'),
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        brokers().join(','),
        '--command-config',
        commandConfig,
        '--alter',
        '--entity-type',
        'users',
        '--entity-name',
        username,
        '--add-config-file',
        userConfig,
      ],
      { timeout: 120_000 },
    ).catch((error: Error & { stderr?: string }) => {
      throw new Error(`could not create SCRAM user ${username}: ${(error.stderr ?? error.message).trim().split('\n').slice(-3).join(' ')}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
