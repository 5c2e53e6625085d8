import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createPersonalDataCipher, KEY_BYTES, KEY_ID_PATTERN, type PersonalDataCipher } from './personal-data-cipher';
import { SecretKey } from './secret-key';

// The personal-data keys as a service reads them from its environment, and the key of the audit
// chain that records every reveal of personal data (the services need both, their demo-data tools
// only the first). There is no default in any environment: development gets random keys from
// tools/dev-keys.ts, tests from @pgov/testing.

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HOW = `base64 of ${KEY_BYTES} random bytes, e.g. \`openssl rand -base64 32\`; development: tools/dev-keys.ts writes .run/keys/personal-data.env`;

function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  return BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
}

/** "k1:<base64>,k2:<base64>" → key id → key; every problem of the list is reported. */
const keyList = z.string({ required_error: `k1:<${HOW}>[,k2:...]` }).transform((value, ctx) => {
  const keys = new Map<string, SecretKey>();
  for (const [i, entry] of value.split(',').entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const material = entry.slice(colon + 1);
    const bytes = decodeKey(material);
    if (!KEY_ID_PATTERN.test(id)) ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: "<id>:<key>" with an id of letters, digits, _ and -` });
    else if (keys.has(id)) ctx.addIssue({ code: 'custom', message: `key id ${id} is listed twice` });
    else if (!bytes || bytes.length !== KEY_BYTES) ctx.addIssue({ code: 'custom', message: `key ${id} must be ${HOW}` });
    else keys.set(id, new SecretKey(bytes));
  }
  return keys;
});

/** A MAC key: base64 of at least 32 bytes (the ID-number hash, the audit chain). */
const macKey = z.string({ required_error: HOW }).transform((value, ctx) => {
  const bytes = decodeKey(value);
  if (!bytes || bytes.length < KEY_BYTES) ctx.addIssue({ code: 'custom', message: `must be ${HOW}` });
  return new SecretKey(bytes ?? Buffer.alloc(0));
});

const activeKey = z.string({ required_error: 'id of the key in PERSONAL_DATA_KEYS that encrypts new values' }).regex(KEY_ID_PATTERN, 'a key id of PERSONAL_DATA_KEYS');

/** Spread into a service's configuration shape (see loadConfig in @pgov/config). */
export function personalDataEnv() {
  return {
    /** Encryption keys by id ("k1:<base64>,k2:<base64>"): any decrypts; keep old ones until re-encrypted. */
    PERSONAL_DATA_KEYS: keyList,
    /** The key that encrypts new values. */
    PERSONAL_DATA_ACTIVE_KEY: activeKey,
    /** Key of the keyed hash (HMAC-SHA-256) of ID numbers; changing it means re-hashing every row. */
    PERSONAL_DATA_HASH_KEY: macKey,
  };
}

/**
 * The key of the audit log's hash chain (HMAC-SHA-256, audit-chain.ts), spread into the shape of a
 * service that audits: with it the verifier tool checks the chain, without it nobody can rewrite
 * the chain after editing a row. Not derived from the personal-data keys, so whoever verifies the
 * audit log needs no key that opens personal data.
 */
export function auditChainKeyEnv() {
  return { AUDIT_CHAIN_KEY: macKey };
}

export interface PersonalDataConfig {
  PERSONAL_DATA_KEYS: ReadonlyMap<string, SecretKey>;
  PERSONAL_DATA_ACTIVE_KEY: string;
  PERSONAL_DATA_HASH_KEY: SecretKey;
}

/**
 * Problems between the three variables (each one's own are reported by its schema): loadConfig
 * checks variables one by one, so a service adds these to its list to report everything at once.
 */
export function personalDataKeyProblems(env: Record<string, string | undefined>): string[] {
  const keys = keyList.safeParse(env.PERSONAL_DATA_KEYS);
  const active = activeKey.safeParse(env.PERSONAL_DATA_ACTIVE_KEY);
  const hash = macKey.safeParse(env.PERSONAL_DATA_HASH_KEY);
  const chain = macKey.safeParse(env.AUDIT_CHAIN_KEY);
  const problems: string[] = [];
  if (keys.success && active.success && !keys.data.has(active.data)) {
    problems.push(`PERSONAL_DATA_ACTIVE_KEY: "${active.data}" is not a key id of PERSONAL_DATA_KEYS (${[...keys.data.keys()].join(', ')})`);
  }
  if (keys.success && hash.success && [...keys.data.values()].some((k) => k.bytes().equals(hash.data.bytes()))) {
    problems.push('PERSONAL_DATA_HASH_KEY: must differ from every key of PERSONAL_DATA_KEYS');
  }
  const others = [...(keys.success ? keys.data.values() : []), ...(hash.success ? [hash.data] : [])];
  if (chain.success && others.some((k) => k.bytes().equals(chain.data.bytes()))) {
    problems.push('AUDIT_CHAIN_KEY: must differ from every personal-data key');
  }
  return problems;
}

export function personalDataCipherOf(config: PersonalDataConfig): PersonalDataCipher {
  return createPersonalDataCipher({ keys: config.PERSONAL_DATA_KEYS, activeKeyId: config.PERSONAL_DATA_ACTIVE_KEY, hashKey: config.PERSONAL_DATA_HASH_KEY });
}

/** Fresh random keys as environment variables, the audit chain's with them (development and tests; never printed). */
export function generatePersonalDataKeyEnv(keyId = 'k1'): Record<'PERSONAL_DATA_KEYS' | 'PERSONAL_DATA_ACTIVE_KEY' | 'PERSONAL_DATA_HASH_KEY' | 'AUDIT_CHAIN_KEY', string> {
  return {
    PERSONAL_DATA_KEYS: `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`,
    PERSONAL_DATA_ACTIVE_KEY: keyId,
    PERSONAL_DATA_HASH_KEY: randomBytes(KEY_BYTES).toString('base64'),
    AUDIT_CHAIN_KEY: randomBytes(KEY_BYTES).toString('base64'),
  };
}
