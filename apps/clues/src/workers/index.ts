import type { Logger } from '@pgov/logger';
import type { ServiceWorker } from '@pgov/subgraph-server';
import type { CluesDeps } from '../context';
import { recommendationOverdueWorker } from './recommendation-overdue.worker';

/** The service's background jobs: the recommendation overdue sweep. */
export function cluesWorkers(deps: CluesDeps, logger: Logger): ServiceWorker[] {
  return [recommendationOverdueWorker(deps, logger)];
}
