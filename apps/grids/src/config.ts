import { z } from 'zod';
import { databaseUrl, serviceEnv } from '@pgov/config';
import { auditChainKeyEnv, loadConfigWithPersonalDataKeys } from '@pgov/privacy';

/**
 * The grids service's configuration: the only reader of process.env in this app. With it, the keys
 * that encrypt members' phones and ID numbers at rest and the audit chain's key (required in every
 * environment).
 */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfigWithPersonalDataKeys(
    'grids',
    {
      ...serviceEnv('grids', 4001),
      /** Key of the audit log's hash chain (required in every environment, like the personal-data keys). */
      ...auditChainKeyEnv(),
      /** Points an informant earns when a clue they reported is accepted (districts may set their own). */
      POINTS_CLUE_ACCEPTED: z.coerce.number().int().min(0).max(1000).default(2),
      /** Points an informant earns when a clue they reported leads to a case (districts may set their own). */
      POINTS_CLUE_CASE_OPENED: z.coerce.number().int().min(0).max(1000).default(5),
    },
    env,
  );
}

/** The demo-data generator's: its database and the keys it encrypts personal data with. */
export function readSeedConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfigWithPersonalDataKeys('grids seed', { DATABASE_URL: databaseUrl() }, env);
}

export type GridsConfig = ReturnType<typeof readConfig>;
