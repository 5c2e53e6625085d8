import type { EventHandler, TransactionHooks } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { factHandlers, runHooks, type FactChange } from '../services/fact-changes';
import type { ValueChangeOptions } from '../services/value-changes';
import { clueFactChanges } from './clue.handlers';
import { gridHandlers } from './grid.handlers';
import { hearingFactChanges } from './hearing.handlers';
import { petitionFactChanges } from './petition.handlers';
import { recommendationFactChanges } from './recommendation.handlers';

const factChanges = [...clueFactChanges, ...recommendationFactChanges, ...petitionFactChanges, ...hearingFactChanges] as FactChange[];

/** Every event the indicators consume, live (alerts on) or in a replay (alerts off). */
export function indicatorHandlers(options: ValueChangeOptions): EventHandler[] {
  return [...factHandlers(factChanges, options), ...gridHandlers(options)] as EventHandler[];
}

/** For the consumer and the replay: a run of events reads, locks and writes its facts and values once. */
export const indicatorRunHooks: TransactionHooks<Prisma.TransactionClient> = runHooks(factChanges);
