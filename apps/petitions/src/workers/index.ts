import type { Logger } from '@pgov/logger';
import type { ServiceWorker } from '@pgov/subgraph-server';
import type { PetitionsDeps } from '../context';

/** The service's background jobs: the reply-deadline sweep (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function petitionsWorkers(deps: PetitionsDeps, logger: Logger): ServiceWorker[] {
  return [];
}
