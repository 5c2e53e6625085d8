import { z } from 'zod';
import { ConfigError, databaseUrl, loadConfig, serviceEnv } from '@pgov/config';
import { personalDataEnv, personalDataKeyProblems } from '@pgov/privacy';

/** The grids service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadWithPersonalDataKeys(
    'grids',
    {
      ...serviceEnv('grids', 4001),
      /** Points an informant earns when a clue they reported is accepted (districts may set their own). */
      POINTS_CLUE_ACCEPTED: z.coerce.number().int().min(0).max(1000).default(2),
      /** Points an informant earns when a clue they reported leads to a case (districts may set their own). */
      POINTS_CLUE_CASE_OPENED: z.coerce.number().int().min(0).max(1000).default(5),
      /** Keys that encrypt members' phones and ID numbers at rest (required in every environment). */
      ...personalDataEnv(),
    },
    env,
  );
}

/** The demo-data generator's: its database and the keys it encrypts personal data with. */
export function readSeedConfig(env: Record<string, string | undefined> = process.env) {
  return loadWithPersonalDataKeys('grids seed', { DATABASE_URL: databaseUrl(), ...personalDataEnv() }, env);
}

/** loadConfig, plus the problems between the key variables, all reported at once. */
function loadWithPersonalDataKeys<S extends z.ZodRawShape>(service: string, shape: S, env: Record<string, string | undefined>) {
  const problems = personalDataKeyProblems(env);
  try {
    const config = loadConfig(service, shape, env);
    if (problems.length === 0) return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  throw new ConfigError(service, problems);
}

export type GridsConfig = ReturnType<typeof readConfig>;
