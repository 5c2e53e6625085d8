export type { MessagingLogger } from './logger';
export { silentLogger } from './logger';
export type { RawSql, RawSqlDatabase, TransactionOptions } from './db';
export { HEADERS, headerText } from './headers';
export type { HeaderValue, MessageHeaders } from './headers';
export type { EnsureTopicsOptions, KafkaConnection, KafkaLogLevel, KafkaOptions } from './kafka';
export {
  createKafka,
  ensureTopics,
  logicalTopic,
  MAX_TOPIC_LENGTH,
  parseBrokers,
  physicalGroupId,
  physicalTopic,
  validateNamespace,
} from './kafka';
export { enqueueEvent, deletePublishedEvents, outboxRow, type OutboxRow } from './outbox';
export type { OutboxRelay, OutboxRelayOptions } from './relay';
export { createOutboxRelay } from './relay';
export type {
  DeadLetterSink,
  EventConsumer,
  EventConsumerOptions,
  EventHandler,
  IncomingMessage,
  ProcessContext,
  ProcessOutcome,
  TransactionHooks,
} from './consumer';
export { createEventConsumer, on, processBatch, processMessage } from './consumer';
export type { TransactionRunner } from './database-outage';
export type { LiveConsumer, LiveConsumerOptions } from './live-consumer';
export { createLiveConsumer } from './live-consumer';
export type { ReplayOptions, ReplayResult } from './replay';
export { replayFromBeginning } from './replay';
export { pruneMessagingTables, type PruneResult, type RetentionPolicy } from './retention';
export { readDeadLetters, replayDeadLetters, type DeadLetter } from './dead-letters';
export { wakeablePause } from './wakeable-pause';
