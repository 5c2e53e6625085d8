import type { Logger } from '@pgov/logger';
import type { ServiceWorker } from '@pgov/subgraph-server';
import type { PetitionsDeps } from '../context';
import { deadlineSweepWorker } from './deadline-sweep.worker';

/** The service's background jobs: the reply-deadline sweep. */
export function petitionsWorkers(deps: PetitionsDeps, logger: Logger): ServiceWorker[] {
  return [deadlineSweepWorker(deps, logger)];
}
