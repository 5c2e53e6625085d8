import type { Identity } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import type { Clock } from '../domain/clock';
import { decideNewClue, submitClueInput } from '../domain/submit-clue';
import type { ClueRow } from '../persistence/clue.repository';
import type { CluesDb } from '../persistence/prisma';
import type { ClueIntake } from './clue-intake';

/** Write side of clues submitted through the graph: each one and its event in one statement, its own transaction. */
export function clueService(deps: { db: CluesDb; intake: ClueIntake; clock: Clock }) {
  const { db, intake, clock } = deps;
  return {
    async submit(identity: Identity, rawInput: unknown, traceparent?: string): Promise<ClueRow> {
      const clue = decideNewClue(identity, parseInput(submitClueInput, rawInput));
      const submittedAt = clock();
      return intake.create(db, clue, submittedAt, traceparent);
    },
  };
}
