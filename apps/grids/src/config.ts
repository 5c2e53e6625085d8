import { z } from 'zod';
import { loadConfig, serviceEnv } from '@pgov/config';

/** The grids service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(
    'grids',
    {
      ...serviceEnv('grids', 4001),
      /** Points a grid worker earns for reporting a clue. */
      POINTS_CLUE_REPORTED: z.coerce.number().int().min(0).default(1),
    },
    env,
  );
}

export type GridsConfig = ReturnType<typeof readConfig>;
