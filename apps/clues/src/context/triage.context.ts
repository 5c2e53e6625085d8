import DataLoader from 'dataloader';
import type { CluesDeps, RequestScope } from '../context';
import { clueTransitionRepository } from '../persistence/clue-transition.repository';
import { clueTriageRepository } from '../persistence/clue-triage.repository';
import { clueTriageService } from '../services/clue-triage.service';

/** All rows of the clues asked for in one tick, fetched together and handed out per clue. */
function byClueLoader<R extends { clueId: string }>(fetch: (clueIds: readonly string[]) => Promise<R[]>) {
  return new DataLoader<string, R[]>(async (clueIds) => {
    const byClue = new Map<string, R[]>();
    for (const row of await fetch(clueIds)) {
      const list = byClue.get(row.clueId);
      if (list) list.push(row);
      else byClue.set(row.clueId, [row]);
    }
    return clueIds.map((id) => byClue.get(id) ?? []);
  });
}

/** Triage's per-request service and loaders (attachments, possible duplicates). */
export function triageContext(deps: CluesDeps, _scope: RequestScope) {
  const triage = clueTriageRepository(deps.db);
  return {
    service: clueTriageService({ db: deps.db, triage, transitions: clueTransitionRepository(deps.db), clock: deps.clock }),
    /** One "now" per request: Clue.overdue and the overdue filter of one answer agree. */
    now: deps.clock(),
    loaders: {
      attachments: byClueLoader(triage.attachmentsByClueIds),
      duplicates: byClueLoader(triage.duplicatesByClueIds),
    },
  };
}
