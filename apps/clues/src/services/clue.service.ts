import type { Identity } from '@pgov/auth';
import { buildEnvelope, clueSubmitted } from '@pgov/contracts';
import { parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import { type Clock, yearInChina } from '../domain/clock';
import { clueNumber, decideNewClue, submitClueInput } from '../domain/submit-clue';
import type { clueRepository, ClueRow } from '../persistence/clue.repository';
import type { CluesDb } from '../persistence/prisma';

/** Write side of clues: each change and the event announcing it in one transaction. */
export function clueService(deps: { db: CluesDb; clues: ReturnType<typeof clueRepository>; clock: Clock }) {
  const { db, clues, clock } = deps;
  return {
    async submit(identity: Identity, rawInput: unknown, traceparent?: string): Promise<ClueRow> {
      const clue = decideNewClue(identity, parseInput(submitClueInput, rawInput));
      const submittedAt = clock();
      const year = yearInChina(submittedAt);
      return db.$transaction(async (tx) => {
        const seq = await clues.nextSeq(tx, clue.districtCode, year);
        const created = await clues.create(tx, { ...clue, number: clueNumber(clue.districtCode, year, seq), year, seq, submittedAt });
        await enqueueEvent(
          tx,
          clueSubmitted,
          buildEnvelope(
            clueSubmitted,
            {
              subject: created.id,
              district: created.districtCode,
              traceparent,
              data: {
                clueId: created.id,
                number: created.number,
                districtCode: created.districtCode,
                gridCode: created.gridCode,
                source: created.source,
                category: created.category,
                reporterMemberId: created.reporterMemberId,
                submittedAt: submittedAt.toISOString(),
              },
            },
            { source: 'clues', time: submittedAt },
          ),
        );
        return created;
      });
    },
  };
}
