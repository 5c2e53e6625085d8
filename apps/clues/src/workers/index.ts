import type { ServiceWorker } from '@pgov/subgraph-server';
import type { CluesDeps } from '../context';
import type { Logger } from '@pgov/logger';

/** The service's background jobs: the recommendation overdue sweep (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function cluesWorkers(deps: CluesDeps, logger: Logger): ServiceWorker[] {
  return [];
}
