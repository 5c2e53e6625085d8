import DataLoader from 'dataloader';
import type { PetitionsDeps, RequestScope } from '../context';
import { petitionLifecycleRepository } from '../persistence/petition-lifecycle.repository';
import { petitionLifecycleService } from '../services/petition-lifecycle.service';

/** One list per key asked for, all of them fetched in one query per tick (no N+1 on a page). */
function listLoader<R extends { petitionId: string }>(fetch: (petitionIds: readonly string[]) => Promise<R[]>): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (petitionIds) => {
    const byPetition = new Map<string, R[]>();
    for (const row of await fetch(petitionIds)) {
      const list = byPetition.get(row.petitionId);
      if (list) list.push(row);
      else byPetition.set(row.petitionId, [row]);
    }
    return petitionIds.map((id) => byPetition.get(id) ?? []);
  });
}

/**
 * The petition life cycle per request: its write service, the instant "overdue" is judged at (one
 * for the whole response, from the service clock), and loaders for a page's nested lists.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function petitionLifecycleContext(deps: PetitionsDeps, scope: RequestScope) {
  const { db, clock } = deps;
  const lifecycle = petitionLifecycleRepository(db);
  return {
    now: clock(),
    service: petitionLifecycleService({ db, lifecycle, clock }),
    loaders: {
      replies: listLoader(lifecycle.repliesOf),
      history: listLoader(lifecycle.transitionsOf),
      ownerHistory: listLoader(lifecycle.ownerChangesOf),
    },
  };
}
