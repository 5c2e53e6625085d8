import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SecretKey } from './secret-key';

// Encryption at rest of personal numbers (SECURITY.md "Data at rest"): AES-256-GCM from node:crypto,
// one random 96-bit IV per value, the key id in the ciphertext so keys can rotate.
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Key ids travel inside ciphertexts, separated by dots: letters, digits, _ and - only. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A ciphertext that cannot be read: malformed, of an unknown key, or altered. Never holds the value. */
export class PersonalDataCipherError extends Error {
  override readonly name = 'PersonalDataCipherError';
}

export interface PersonalDataKeyRing {
  /** Encryption keys by id: every one decrypts, only the active one encrypts. */
  keys: ReadonlyMap<string, SecretKey>;
  activeKeyId: string;
  /** Key of the keyed hash (HMAC-SHA-256); never one of the encryption keys. */
  hashKey: SecretKey;
}

export interface PersonalDataCipher {
  readonly activeKeyId: string;
  /**
   * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). `purpose` (e.g. "member.phone") is bound
   * as associated data: a ciphertext copied into another field does not decrypt there.
   */
  encrypt(plaintext: string, purpose: string): string;
  decrypt(ciphertext: string, purpose: string): string;
  /** The id of the key a ciphertext was written with (rows under an older key are re-encrypted). */
  keyIdOf(ciphertext: string): string;
  /** Deterministic keyed hash for uniqueness and look-ups; unusable without the hash key. */
  hash(value: string, purpose: string): string;
}

/** Problems of a key ring, one sentence each (empty when usable). */
export function keyRingProblems(ring: PersonalDataKeyRing): string[] {
  const problems: string[] = [];
  if (ring.keys.size === 0) problems.push('at least one encryption key is needed');
  for (const [id, key] of ring.keys) {
    if (!KEY_ID_PATTERN.test(id)) problems.push(`key id "${id}" may contain only letters, digits, _ and - (at most 32)`);
    if (key.bytes().length !== KEY_BYTES) problems.push(`key ${id} must be ${KEY_BYTES} bytes, not ${key.bytes().length}`);
  }
  if (!ring.keys.has(ring.activeKeyId)) problems.push(`the active key "${ring.activeKeyId}" is not among the keys (${[...ring.keys.keys()].join(', ')})`);
  if (ring.hashKey.bytes().length < KEY_BYTES) problems.push(`the hash key must be at least ${KEY_BYTES} bytes`);
  if ([...ring.keys.values()].some((k) => k.bytes().equals(ring.hashKey.bytes()))) {
    problems.push('the hash key must differ from every encryption key');
  }
  return problems;
}

export function createPersonalDataCipher(ring: PersonalDataKeyRing): PersonalDataCipher {
  const problems = keyRingProblems(ring);
  if (problems.length > 0) throw new PersonalDataCipherError(`unusable key ring: ${problems.join('; ')}`);
  const keys = new Map([...ring.keys].map(([id, key]) => [id, key.bytes()]));
  const hashKey = ring.hashKey.bytes();
  const active = ring.activeKeyId;
  const aad = (keyId: string, purpose: string) => Buffer.from(`${VERSION}.${keyId}.${purpose}`, 'utf8');

  function parse(ciphertext: string) {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new PersonalDataCipherError(`not a ${VERSION} personal-data ciphertext`);
    const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
    const key = keys.get(keyId);
    if (!key) throw new PersonalDataCipherError(`no key "${keyId}" is configured to decrypt this value`);
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new PersonalDataCipherError('malformed personal-data ciphertext');
    return { keyId, key, iv: ivBytes, tag: tagBytes, body: Buffer.from(body, 'base64url') };
  }

  return {
    activeKeyId: active,
    encrypt(plaintext, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keys.get(active)!, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(active, purpose));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, active, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(ciphertext, purpose) {
      const { keyId, key, iv, tag, body } = parse(ciphertext);
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(keyId, purpose));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // GCM's tag check failed: altered, another field's value, or another key under the same id.
        throw new PersonalDataCipherError(`personal-data ciphertext failed authentication (key ${keyId}, ${purpose})`);
      }
    },
    keyIdOf(ciphertext) {
      return parse(ciphertext).keyId;
    },
    hash(value, purpose) {
      return createHmac('sha256', hashKey).update(purpose).update('\0').update(value, 'utf8').digest('base64url');
    },
  };
}
