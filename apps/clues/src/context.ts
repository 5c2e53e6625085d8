import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import type { CluesConfig } from './config';
import { recommendationContext } from './context/recommendation.context';
import { supervisionContext } from './context/supervision.context';
import { triageContext } from './context/triage.context';
import type { Clock } from './domain/clock';
import { clueRepository, type ClueRow } from './persistence/clue.repository';
import { clueTransitionRepository, type ClueTransitionRow } from './persistence/clue-transition.repository';
import type { CluesDb } from './persistence/prisma';
import { clueIntake } from './services/clue-intake';
import { clueService } from './services/clue.service';
import { clueTransitionService } from './services/clue-transition.service';

/** What every request shares: built once per process in service.ts. */
export interface CluesDeps {
  db: CluesDb;
  config: CluesConfig;
  clock: Clock;
}

/** Who is asking, and where from. */
export interface RequestScope {
  identity: Identity;
  requestId: string;
}

/**
 * Per-request context: the caller, the services, and loaders that batch by key (no N+1). Each area
 * (triage, recommendations, supervision) adds its own in ./context/.
 */
export function createContext(deps: CluesDeps, identity: Identity, requestId: string) {
  const { db, clock } = deps;
  const scope: RequestScope = { identity, requestId };
  const clues = clueRepository(db);
  const transitions = clueTransitionRepository(db);
  return {
    identity,
    requestId,
    deps,
    clues,
    service: clueService({ db, intake: clueIntake({ clues, config: deps.config }), clock }),
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
    triage: triageContext(deps, scope),
    recommendations: recommendationContext(deps, scope),
    supervision: supervisionContext(deps, scope),
  };
}

export type CluesContext = ReturnType<typeof createContext>;
