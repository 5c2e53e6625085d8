import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import type { Clock } from './domain/clock';
import { clueRepository, type ClueRow } from './persistence/clue.repository';
import { clueTransitionRepository, type ClueTransitionRow } from './persistence/clue-transition.repository';
import type { CluesDb } from './persistence/prisma';
import { clueService } from './services/clue.service';
import { clueTransitionService } from './services/clue-transition.service';

/** Per-request context: the caller, the services, and loaders that batch by key (no N+1). */
export function createContext(db: CluesDb, clock: Clock, identity: Identity, requestId: string) {
  const clues = clueRepository(db);
  const transitions = clueTransitionRepository(db);
  return {
    identity,
    requestId,
    clues,
    service: clueService({ db, clues, clock }),
    transitions: clueTransitionService({ db, transitions, clock }),
    loaders: {
      clue: rowLoader(clues.byIds, (c: ClueRow) => c.id),
      /** Every clue's history asked for in one tick: one query. */
      history: new DataLoader<string, ClueTransitionRow[]>(async (clueIds) => {
        const byClue = new Map<string, ClueTransitionRow[]>();
        for (const row of await transitions.byClueIds(clueIds)) {
          const list = byClue.get(row.clueId);
          if (list) list.push(row);
          else byClue.set(row.clueId, [row]);
        }
        return clueIds.map((id) => byClue.get(id) ?? []);
      }),
    },
  };
}

export type CluesContext = ReturnType<typeof createContext>;
