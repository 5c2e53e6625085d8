import { clueAccepted, clueCaseOpened } from '@pgov/contracts';
import { on, type EventHandler } from '@pgov/messaging';
import type { PointsDefaults } from '../domain/points';
import { pointsRepository } from '../persistence/points.repository';
import type { GridsDb } from '../persistence/prisma';
import { clueOutcomeHandler } from './clue-outcome.handler';

/** What the grids service consumes: clue outcomes, which credit the informant's points. */
export function gridsHandlers(db: GridsDb, defaults: PointsDefaults): EventHandler[] {
  return [
    on(clueAccepted, clueOutcomeHandler(pointsRepository(db), 'CLUE_ACCEPTED', defaults)),
    on(clueCaseOpened, clueOutcomeHandler(pointsRepository(db), 'CLUE_CASE_OPENED', defaults)),
  ] as EventHandler[];
}
