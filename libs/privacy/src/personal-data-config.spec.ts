import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '@pgov/config';
import { generatePersonalDataKeyEnv, loadConfigWithPersonalDataKeys, personalDataCipherOf } from './index';

const shape = { PORT: z.coerce.number().int() };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfigWithPersonalDataKeys('svc', shape, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfigWithPersonalDataKeys', () => {
  it('reads the service variables and the keys into one configuration', () => {
    const config = loadConfigWithPersonalDataKeys('svc', shape, { PORT: '4003', ...generatePersonalDataKeyEnv('k7') });
    expect(config.PORT).toBe(4003);
    expect(personalDataCipherOf(config).activeKeyId).toBe('k7');
  });

  it('requires the keys', () => {
    expect(problemsOf({ PORT: '1' })).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_KEYS is required/),
      expect.stringMatching(/^PERSONAL_DATA_ACTIVE_KEY is required/),
      expect.stringMatching(/^PERSONAL_DATA_HASH_KEY is required/),
    ]);
  });

  it('reports the service’s own problems and those between the keys together', () => {
    const key = randomBytes(32).toString('base64');
    expect(problemsOf({ PORT: 'x', PERSONAL_DATA_KEYS: `k1:${key}`, PERSONAL_DATA_ACTIVE_KEY: 'k1', PERSONAL_DATA_HASH_KEY: key, AUDIT_CHAIN_KEY: key })).toEqual([
      expect.stringMatching(/^PORT: /),
      'PERSONAL_DATA_HASH_KEY: must differ from every key of PERSONAL_DATA_KEYS',
      'AUDIT_CHAIN_KEY: must differ from every personal-data key',
    ]);
  });
});
