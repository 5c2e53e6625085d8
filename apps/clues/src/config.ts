import { loadConfig, serviceEnv } from '@pgov/config';

/** The clues service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig('clues', serviceEnv('clues', 4002), env);
}

export type CluesConfig = ReturnType<typeof readConfig>;
