import type { Logger } from '@pgov/logger';
import { intervalWorker, type ServiceWorker } from '@pgov/subgraph-server';
import type { CluesDeps } from '../context';
import { runOverdueSweep } from '../services/recommendation-overdue-sweep';

/** Runs the recommendation overdue sweep every OVERDUE_SWEEP_MS on the service's clock. */
export function recommendationOverdueWorker(deps: CluesDeps, logger: Logger): ServiceWorker {
  const { db, clock, config } = deps;
  return intervalWorker('recommendation overdue sweep', config.OVERDUE_SWEEP_MS, () => runOverdueSweep({ db, clock, logger }), logger);
}
