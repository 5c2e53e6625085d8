import type { Clock } from '@pgov/config';
import type { Logger } from '@pgov/logger';
import { deadlinesToAnnounce, dueAtOf } from '../domain/deadlines';
import { deadlineSweepRepository as sweep } from '../persistence/deadline-sweep.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { enqueueDeadlineMissed } from './petition-events';

export const SWEEP_BATCH_SIZE = 500;

export interface DeadlineSweepDeps {
  db: PetitionsDb;
  clock: Clock;
  logger: Logger;
}

/**
 * One deadline sweep, now (the worker runs it on a timer; tests call it with their clock): every
 * reply deadline missed and not yet announced gets its *_overdue_at and one
 * petitions.petition.deadline-missed, in batches of `batchSize`, each batch one transaction. The
 * rows are locked FOR UPDATE SKIP LOCKED and marked in the transaction that announces them, so
 * each missed deadline is announced exactly once with any number of replicas sweeping. Answers
 * how many deadlines it announced.
 */
export async function runDeadlineSweep(deps: DeadlineSweepDeps, { batchSize = SWEEP_BATCH_SIZE } = {}): Promise<number> {
  const { db, clock, logger } = deps;
  const at = clock();
  // Rows taken this run: a candidate the domain rule turns down is not taken again (no endless loop).
  const seen: string[] = [];
  let announced = 0;
  for (;;) {
    const taken = await db.$transaction(
      async (tx) => {
        const rows = await sweep.lockMissed(tx, at, batchSize, seen);
        const procedural: string[] = [];
        const result: string[] = [];
        for (const row of rows) {
          seen.push(row.id);
          for (const kind of deadlinesToAnnounce(row, at)) {
            (kind === 'PROCEDURAL' ? procedural : result).push(row.id);
            await enqueueDeadlineMissed(tx, row, kind, dueAtOf(kind, row), at);
            announced += 1;
          }
        }
        await sweep.markAnnounced(tx, procedural, result, at);
        return rows.length;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (taken < batchSize) break;
  }
  if (announced > 0) logger.info({ component: 'deadline-sweep', announced }, 'missed petition reply deadlines announced');
  else logger.debug({ component: 'deadline-sweep' }, 'no petition reply deadline newly missed');
  return announced;
}
