import { randomBytes } from 'node:crypto';
import { ConfigError } from '@pgov/config';
import { generatePersonalDataKeyEnv } from '@pgov/privacy';
import { readConfig, readSeedConfig } from './config';

const base = { DATABASE_URL: 'postgresql://grids:grids@127.0.0.1:5432/grids', KAFKA_BROKERS: '127.0.0.1:9092', AUTH_PUBLIC_KEY_FILE: '/k.pem' };

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('grids configuration', () => {
  it('needs the personal-data keys and the audit chain key in every environment, with no default', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(problemsOf(() => readConfig({ ...base, NODE_ENV }))).toEqual([
        expect.stringMatching(/^AUDIT_CHAIN_KEY is required/),
        expect.stringMatching(/^PERSONAL_DATA_KEYS is required/),
        expect.stringMatching(/^PERSONAL_DATA_ACTIVE_KEY is required/),
        expect.stringMatching(/^PERSONAL_DATA_HASH_KEY is required/),
      ]);
    }
  });

  it('reports every problem at once, those between the key variables included', () => {
    const key = randomBytes(32).toString('base64');
    const problems = problemsOf(() =>
      readConfig({ KAFKA_BROKERS: 'nohostport', AUTH_PUBLIC_KEY_FILE: '/k.pem', PERSONAL_DATA_KEYS: `k1:${key}`, PERSONAL_DATA_ACTIVE_KEY: 'k2', PERSONAL_DATA_HASH_KEY: key, AUDIT_CHAIN_KEY: key }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^KAFKA_BROKERS:/),
      expect.stringMatching(/^PERSONAL_DATA_ACTIVE_KEY: "k2" is not a key id/),
      expect.stringMatching(/^PERSONAL_DATA_HASH_KEY: must differ/),
      expect.stringMatching(/^AUDIT_CHAIN_KEY: must differ/),
    ]);
  });

  it('reads a working key ring, and never prints it', () => {
    const keys = generatePersonalDataKeyEnv('k7');
    const config = readConfig({ ...base, ...keys });
    expect(config.PERSONAL_DATA_ACTIVE_KEY).toBe('k7');
    expect(JSON.stringify(config)).not.toContain(keys.PERSONAL_DATA_HASH_KEY);
    expect(JSON.stringify(config)).not.toContain(keys.AUDIT_CHAIN_KEY);
    expect(readSeedConfig({ DATABASE_URL: base.DATABASE_URL, ...keys }).PERSONAL_DATA_KEYS.has('k7')).toBe(true);
  });
});
