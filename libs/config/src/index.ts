export { loadConfig, ConfigError } from './load-config';
export { commonEnv, databaseUrl, kafkaBrokers, port } from './common-env';
