import { loadConfig, serviceEnv } from '@pgov/config';

/** The indicators service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig('indicators', serviceEnv('indicators', 4004), env);
}

export type IndicatorsConfig = ReturnType<typeof readConfig>;
