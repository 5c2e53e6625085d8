/**
 * How long the brokers keep messages (Kafka retention.ms): an event topic 30 days, its dead-letter
 * topic 90 days (time to fix a consumer and replay). infra/kafka/topics.yaml and the AsyncAPI
 * document both say so from here.
 */
export const TOPIC_RETENTION_DAYS = { events: 30, deadLetters: 90 } as const;

export const retentionMs = (days: number) => days * 86_400_000;
