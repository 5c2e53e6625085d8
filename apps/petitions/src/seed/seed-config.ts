import { z } from 'zod';
import { databaseUrl } from '@pgov/config';
import { loadConfigWithPersonalDataKeys } from '@pgov/privacy';

/**
 * The demo-data generator's configuration: its database, the keys it encrypts petitioners' numbers
 * with (PERSONAL_DATA_KEYS, PERSONAL_DATA_ACTIVE_KEY, PERSONAL_DATA_HASH_KEY — the service's own, or
 * the service cannot read the rows) and the service's rules the generated data must follow (same
 * variables and defaults as src/config.ts).
 */
export function readSeedConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfigWithPersonalDataKeys(
    'petitions seed',
    {
      DATABASE_URL: databaseUrl(),
      PROCEDURAL_REPLY_DAYS: z.coerce.number().int().min(1).default(7),
      RESULT_REPLY_MONTHS: z.coerce.number().int().min(1).default(3),
      PROCEDURAL_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(366).default(2),
      RESULT_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(366).default(15),
      HEARING_PANEL_MIN: z.coerce.number().int().min(1).default(3),
      HEARING_PANEL_MAX: z.coerce.number().int().min(1).default(7),
    },
    env,
  );
}

export type PetitionsSeedConfig = ReturnType<typeof readSeedConfig>;
