import { clueAccepted, clueCaseOpened } from '@pgov/contracts';
import { on, type EventHandler, type TransactionHooks } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { PointsDefaults } from '../domain/points';
import { pointsRepository } from '../persistence/points.repository';
import type { GridsDb } from '../persistence/prisma';
import { clueOutcomeHandler } from './clue-outcome.handler';
import { creditRunHooks } from './credit-run';

/** What the grids service consumes: clue outcomes, which credit the informant's points. */
export function gridsHandlers(db: GridsDb, defaults: PointsDefaults): EventHandler[] {
  return [
    on(clueAccepted, clueOutcomeHandler(pointsRepository(db), 'CLUE_ACCEPTED', defaults)),
    on(clueCaseOpened, clueOutcomeHandler(pointsRepository(db), 'CLUE_CASE_OPENED', defaults)),
  ] as EventHandler[];
}

/** The consumer's hooks with gridsHandlers: a run of events reads and writes in a few statements. */
export function gridsRunHooks(db: GridsDb): TransactionHooks<Prisma.TransactionClient> {
  return creditRunHooks(pointsRepository(db));
}
