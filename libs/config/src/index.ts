export { loadConfig, ConfigError } from './load-config';
export { commonEnv, databaseUrl, kafkaBrokers, port, serviceEnv } from './common-env';
export { configuredClock, systemClock, type Clock } from './clock';
