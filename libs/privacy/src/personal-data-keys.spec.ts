import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { auditChainKeyEnv, generatePersonalDataKeyEnv, personalDataCipherOf, personalDataEnv, personalDataKeyProblems } from './index';

const parse = (env: Record<string, string | undefined>) => z.object({ ...personalDataEnv(), ...auditChainKeyEnv() }).safeParse(env);
const b64 = (n = 32) => randomBytes(n).toString('base64');

describe('personal-data keys from the environment', () => {
  it('reads a key list, the active key and the hash key into a working cipher', () => {
    const env = { PERSONAL_DATA_KEYS: `k1:${b64()}, k2:${randomBytes(32).toString('base64url')}`, PERSONAL_DATA_ACTIVE_KEY: 'k2', PERSONAL_DATA_HASH_KEY: b64(), AUDIT_CHAIN_KEY: b64() };
    const parsed = parse(env);
    expect(parsed.success).toBe(true);
    expect(personalDataKeyProblems(env)).toEqual([]);
    const cipher = personalDataCipherOf(parsed.data!);
    expect(cipher.activeKeyId).toBe('k2');
    expect(cipher.decrypt(cipher.encrypt('x', 'p'), 'p')).toBe('x');
  });

  it('names every problem of each variable', () => {
    const parsed = parse({ PERSONAL_DATA_KEYS: `k1:${b64(16)},bad id:${b64()},k1:${b64()}`, PERSONAL_DATA_HASH_KEY: 'not base64!', AUDIT_CHAIN_KEY: b64(16) });
    expect(parsed.success).toBe(false);
    const problems = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_KEYS: key k1 must be base64 of 32 random bytes/),
      expect.stringMatching(/^PERSONAL_DATA_KEYS: entry 2: "<id>:<key>"/),
      expect.stringMatching(/^PERSONAL_DATA_ACTIVE_KEY: id of the key/),
      expect.stringMatching(/^PERSONAL_DATA_HASH_KEY: must be base64/),
      expect.stringMatching(/^AUDIT_CHAIN_KEY: must be base64/),
    ]);
  });

  it('reports problems between the variables', () => {
    const key = b64();
    expect(personalDataKeyProblems({ PERSONAL_DATA_KEYS: `k1:${key}`, PERSONAL_DATA_ACTIVE_KEY: 'k2', PERSONAL_DATA_HASH_KEY: key })).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_ACTIVE_KEY: "k2" is not a key id/),
      'PERSONAL_DATA_HASH_KEY: must differ from every key of PERSONAL_DATA_KEYS',
    ]);
    const hashKey = b64();
    expect(personalDataKeyProblems({ PERSONAL_DATA_KEYS: `k1:${b64()}`, PERSONAL_DATA_ACTIVE_KEY: 'k1', PERSONAL_DATA_HASH_KEY: hashKey, AUDIT_CHAIN_KEY: hashKey })).toEqual([
      'AUDIT_CHAIN_KEY: must differ from every personal-data key',
    ]);
    // Variables missing or broken on their own are their schema's to report, not repeated here.
    expect(personalDataKeyProblems({})).toEqual([]);
  });

  it('generates fresh random keys that parse', () => {
    const a = generatePersonalDataKeyEnv();
    expect(parse(a).success).toBe(true);
    expect(personalDataKeyProblems(a)).toEqual([]);
    expect(generatePersonalDataKeyEnv().PERSONAL_DATA_KEYS).not.toBe(a.PERSONAL_DATA_KEYS);
  });
});
