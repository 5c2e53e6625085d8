import { z } from 'zod';
import { loadConfig, serviceEnv } from '@pgov/config';

/** The grids service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(
    'grids',
    {
      ...serviceEnv('grids', 4001),
      /** Points an informant earns when a clue they reported is accepted (districts may set their own). */
      POINTS_CLUE_ACCEPTED: z.coerce.number().int().min(0).max(1000).default(2),
      /** Points an informant earns when a clue they reported leads to a case (districts may set their own). */
      POINTS_CLUE_CASE_OPENED: z.coerce.number().int().min(0).max(1000).default(5),
    },
    env,
  );
}

export type GridsConfig = ReturnType<typeof readConfig>;
