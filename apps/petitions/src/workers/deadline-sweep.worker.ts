import type { Logger } from '@pgov/logger';
import { intervalWorker, type ServiceWorker } from '@pgov/subgraph-server';
import { comingDueRules } from '../config';
import type { PetitionsDeps } from '../context';
import { runDeadlineSweep } from '../services/deadline-sweep';

/** Runs the petition deadline sweep (deadlines coming due and missed) every OVERDUE_SWEEP_MS on the service's clock. */
export function deadlineSweepWorker(deps: Pick<PetitionsDeps, 'db' | 'clock' | 'config'>, logger: Logger): ServiceWorker {
  const { db, clock, config } = deps;
  return intervalWorker('petition deadline sweep', config.OVERDUE_SWEEP_MS, () => runDeadlineSweep({ db, clock, logger, comingDue: comingDueRules(config) }), logger);
}
