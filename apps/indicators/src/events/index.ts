import type { EventHandler } from '@pgov/messaging';
import type { ValueChangeOptions } from '../services/value-changes';
import { clueHandlers } from './clue.handlers';
import { gridHandlers } from './grid.handlers';
import { hearingHandlers } from './hearing.handlers';
import { petitionHandlers } from './petition.handlers';
import { recommendationHandlers } from './recommendation.handlers';

/** Every event the indicators consume, live (alerts on) or in a replay (alerts off). */
export function indicatorHandlers(options: ValueChangeOptions): EventHandler[] {
  return [
    ...clueHandlers(options),
    ...recommendationHandlers(options),
    ...petitionHandlers(options),
    ...hearingHandlers(options),
    ...gridHandlers(options),
  ] as EventHandler[];
}
