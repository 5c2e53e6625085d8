export { loadConfig, ConfigError } from './load-config';
export { commonEnv, databaseUrl, kafkaBrokers, kafkaFetchLingerMs, port, serviceEnv } from './common-env';
export { configuredClock, systemClock, type Clock } from './clock';
export { kafkaClientSecurity, kafkaSecurityEnv, kafkaSecurityFromEnv, type KafkaClientSecurity, type KafkaSecuritySettings } from './kafka-security';
