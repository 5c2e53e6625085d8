import type { PetitionsDeps, RequestScope } from '../context';

/** This area's per-request services, repositories and loaders (filled in by its owner). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function petitionLifecycleContext(deps: PetitionsDeps, scope: RequestScope) {
  return {};
}
