import type { Logger } from '@pgov/logger';
import { chinaDate } from '@pgov/reference-data';
import type { Clock } from '../domain/clock';
import { recommendationTransition } from '../domain/recommendation-states';
import { recommendationSweepRepository } from '../persistence/recommendation-sweep.repository';
import type { CluesDb } from '../persistence/prisma';
import { enqueueOverdue } from './recommendation-events';

/** Who the history names for the sweep's transitions. */
export const SWEEP_ACTOR = 'sweep';
export const SWEEP_BATCH_SIZE = 500;

export interface OverdueSweepDeps {
  db: CluesDb;
  clock: Clock;
  logger: Logger;
}

/**
 * One overdue sweep, now (the worker runs it on a timer; tests call it with their clock): marks
 * every ISSUED recommendation due before today (China) OVERDUE (the domain's MARK_OVERDUE), in batches of `batchSize`, each
 * batch one transaction with its history rows and its clues.recommendation.overdue events. A row
 * changes status in the same transaction as its announcement, and no sweep takes a row another
 * holds or has marked, so each is announced exactly once, with any number of replicas sweeping.
 * Answers how many it marked.
 */
export async function runOverdueSweep(deps: OverdueSweepDeps, { batchSize = SWEEP_BATCH_SIZE } = {}): Promise<number> {
  const { db, clock, logger } = deps;
  const sweep = recommendationSweepRepository();
  const rule = recommendationTransition('MARK_OVERDUE');
  const at = clock();
  const today = chinaDate(at);
  let marked = 0;
  for (;;) {
    const batch = await db.$transaction(
      async (tx) => {
        const rows = await sweep.markOverdue(tx, rule, today, at, batchSize);
        if (rows.length === 0) return 0;
        await sweep.recordTransitions(tx, rows, rule.to, at, SWEEP_ACTOR);
        for (const row of rows) await enqueueOverdue(tx, row, at);
        return rows.length;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    marked += batch;
    if (batch < batchSize) break;
  }
  if (marked > 0) logger.info({ component: 'overdue-sweep', marked, today }, 'recommendations marked overdue and announced');
  else logger.debug({ component: 'overdue-sweep', today }, 'no recommendation newly overdue');
  return marked;
}
