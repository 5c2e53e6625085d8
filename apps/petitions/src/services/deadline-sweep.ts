import type { Clock } from '@pgov/config';
import type { Logger } from '@pgov/logger';
import { deadlinesComingDue, dueSoonHorizon, type ComingDueRules } from '../domain/deadlines-coming-due';
import { deadlinesToAnnounce, dueAtOf } from '../domain/deadlines';
import { deadlineSweepRepository as sweep, type Announced } from '../persistence/deadline-sweep.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { enqueueDeadlineApproaching, enqueueDeadlineMissed } from './petition-events';

export const SWEEP_BATCH_SIZE = 500;

export interface DeadlineSweepDeps {
  db: PetitionsDb;
  clock: Clock;
  logger: Logger;
  /** The warning windows before each deadline (PROCEDURAL_DUE_SOON_DAYS, RESULT_DUE_SOON_DAYS). */
  comingDue: ComingDueRules;
}

/** How many deadlines one sweep announced, by what happened to them. */
export interface SweepOutcome {
  comingDue: number;
  missed: number;
}

/**
 * One deadline sweep, now (the worker runs it on a timer; tests call it with their clock): every
 * reply deadline coming due or missed and not yet announced gets its *_due_soon_at or *_overdue_at
 * and one petitions.petition.deadline-approaching or deadline-missed, in batches of `batchSize`,
 * each batch one transaction. The rows are locked FOR UPDATE SKIP LOCKED and marked in the
 * transaction that announces them, so each is announced exactly once with any number of replicas
 * sweeping.
 */
export async function runDeadlineSweep(deps: DeadlineSweepDeps, { batchSize = SWEEP_BATCH_SIZE } = {}): Promise<SweepOutcome> {
  const { db, clock, logger } = deps;
  const at = clock();
  const horizon = dueSoonHorizon(at, deps.comingDue);
  // Rows taken this run: a candidate the domain rules turn down is not taken again (no endless loop).
  const seen: string[] = [];
  const outcome: SweepOutcome = { comingDue: 0, missed: 0 };
  for (;;) {
    const batch = await db.$transaction(
      async (tx) => {
        const rows = await sweep.lockCandidates(tx, at, horizon, batchSize, seen);
        const missed: Announced = { PROCEDURAL: [], RESULT: [] };
        const comingDue: Announced = { PROCEDURAL: [], RESULT: [] };
        for (const row of rows) {
          seen.push(row.id);
          for (const kind of deadlinesToAnnounce(row, at)) {
            missed[kind].push(row.id);
            await enqueueDeadlineMissed(tx, row, kind, dueAtOf(kind, row), at);
          }
          for (const kind of deadlinesComingDue(row, at, deps.comingDue)) {
            comingDue[kind].push(row.id);
            await enqueueDeadlineApproaching(tx, row, kind, dueAtOf(kind, row), at);
          }
        }
        await sweep.markMissed(tx, missed, at);
        await sweep.markComingDue(tx, comingDue, at);
        return { taken: rows.length, missed: missed.PROCEDURAL.length + missed.RESULT.length, comingDue: comingDue.PROCEDURAL.length + comingDue.RESULT.length };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    // Counted once committed: a batch rolled back announced nothing.
    outcome.missed += batch.missed;
    outcome.comingDue += batch.comingDue;
    if (batch.taken < batchSize) break;
  }
  if (outcome.missed + outcome.comingDue > 0) logger.info({ component: 'deadline-sweep', ...outcome }, 'petition reply deadlines coming due or missed announced');
  else logger.debug({ component: 'deadline-sweep' }, 'no petition reply deadline newly coming due or missed');
  return outcome;
}
