import type { Identity } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import type { Clock } from '../domain/clock';
import { decideTransition, transitionInputs, type TransitionRequest } from '../domain/clue-transition';
import type { ClueAction } from '../domain/clue-states';
import { enqueueTransitionEvent } from '../events/clue-transition.events';
import type { ClueRow } from '../persistence/clue.repository';
import type { clueTransitionRepository } from '../persistence/clue-transition.repository';
import type { CluesDb } from '../persistence/prisma';

/**
 * Moves a clue through its states: in one transaction, lock the clue, decide, write the new state
 * and its history row, and enqueue the event. The lock makes concurrent transitions of one clue
 * queue, so the second sees the first's result (and is refused if it no longer applies).
 */
export function clueTransitionService(deps: { db: CluesDb; transitions: ReturnType<typeof clueTransitionRepository>; clock: Clock }) {
  const { db, transitions, clock } = deps;
  return {
    async transition(identity: Identity, action: ClueAction, rawInput: unknown): Promise<ClueRow> {
      const request: TransitionRequest = { action, ...parseInput(transitionInputs[action], rawInput) };
      return db.$transaction(async (tx) => {
        const clue = await transitions.lockClue(tx, request.clueId);
        const t = decideTransition(identity, clue, request);
        const at = clock();
        const updated = await transitions.record(tx, clue!.id, t, identity.subject, at);
        await enqueueTransitionEvent(tx, updated, t, identity.subject, at);
        return updated;
      });
    },
  };
}
