import { databaseUrl, loadConfig } from '@pgov/config';

/**
 * The demo-data generator's configuration: its database only (it publishes nothing, so it needs
 * no Kafka and no token keys). Beside the service's config.ts, the seed's one reader of process.env.
 */
export function readSeedConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig('clues seed', { DATABASE_URL: databaseUrl() }, env);
}
