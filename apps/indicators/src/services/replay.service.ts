import type { Logger } from '@pgov/logger';
import { replayFromBeginning, type KafkaConnection, type ReplayResult } from '@pgov/messaging';
import { indicatorHandlers, indicatorRunHooks } from '../events';
import type { IndicatorsDb } from '../persistence/prisma';
import { compareWithRecount, type RecountComparison } from '../persistence/recount';
import { replayRepository } from '../persistence/replay.repository';

/** The live consumer's group (createDomainService names it after the service). */
export const LIVE_CONSUMER = 'indicators';

export interface ReplayReport {
  replay: ReplayResult;
  recount: RecountComparison;
}

/**
 * Rebuilds every fact and value from the topics' beginning: empties them, reads the topics as a new
 * consumer group with alerts off (an alert already raised is not raised again, and one a replay
 * might pass through on the way is not news), then compares every value with its recount. Run
 * it with the indicators service stopped; when it starts again, its consumer skips what the replay
 * applied (same processed_event name) and goes on from its own offsets.
 */
export async function replayIndicators(
  deps: { db: IndicatorsDb; kafka: KafkaConnection; logger: Logger },
  options: { replayGroupId?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReplayReport> {
  await replayRepository.empty(deps.db, LIVE_CONSUMER);
  const replay = await replayFromBeginning({
    kafka: deps.kafka,
    db: deps.db,
    handlers: indicatorHandlers({ alerts: false }),
    transactionHooks: indicatorRunHooks,
    consumer: LIVE_CONSUMER,
    replayGroupId: options.replayGroupId ?? `indicators-replay-${Date.now()}`,
    logger: deps.logger,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { replay, recount: await compareWithRecount(deps.db) };
}
