import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import type { Clock } from './domain/clock';
import { clueRepository, type ClueRow } from './persistence/clue.repository';
import type { CluesDb } from './persistence/prisma';
import { clueService } from './services/clue.service';

/** Per-request context: the caller, the service, and loaders that batch by key (no N+1). */
export function createContext(db: CluesDb, clock: Clock, identity: Identity, requestId: string) {
  const clues = clueRepository(db);
  return {
    identity,
    requestId,
    clues,
    service: clueService({ db, clues, clock }),
    loaders: {
      clue: new DataLoader<string, ClueRow | null>(async (ids) => {
        const rows = new Map((await clues.byIds(ids)).map((c) => [c.id, c]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
    },
  };
}

export type CluesContext = ReturnType<typeof createContext>;
