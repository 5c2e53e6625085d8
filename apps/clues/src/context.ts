import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
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
      clue: rowLoader(clues.byIds, (c: ClueRow) => c.id),
    },
  };
}

export type CluesContext = ReturnType<typeof createContext>;
