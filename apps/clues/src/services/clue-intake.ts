import { buildEnvelope, clueSubmitted } from '@pgov/contracts';
import { randomUUID } from 'node:crypto';
import { outboxRow } from '@pgov/messaging';
import type { CluesConfig } from '../config';
import { yearInChina } from '../domain/clock';
import { duplicateCriteria } from '../domain/clue-duplicates';
import { clueNumber, type NewClue } from '../domain/submit-clue';
import type { clueRepository, ClueRow } from '../persistence/clue.repository';
import type { Prisma } from '../generated/prisma/client';
import type { CluesDb } from '../persistence/prisma';

type Tx = Prisma.TransactionClient;

/** Where an event-born clue came from (petition:<id>, grid-centre:<id>, corrections:<person>:<rule>). */
export type NewClueWithOrigin = NewClue & { originRef?: string | null };

/** The settings intake needs: what counts as a possible duplicate. */
export type IntakeConfig = Pick<CluesConfig, 'DUPLICATE_WINDOW_DAYS' | 'DUPLICATE_TITLE_SIMILARITY'>;

/**
 * Every way a clue comes in (a grid worker's report, staff registering one, a petition referral, a
 * grid centre's referral, a broken corrections rule) goes through here, inside the caller's
 * transaction or (given `db`) as a transaction of its own: the number, the row with its SUBMITTED history entry and attachments, the flags on
 * earlier possible duplicates (never merged), and clues.clue.submitted.
 */
export function clueIntake(deps: { clues: ReturnType<typeof clueRepository>; config: IntakeConfig }) {
  const { clues, config } = deps;
  const rules = { windowDays: config.DUPLICATE_WINDOW_DAYS, minSimilarity: config.DUPLICATE_TITLE_SIMILARITY };
  return {
    async create(tx: Tx | CluesDb, clue: NewClueWithOrigin, submittedAt: Date, traceparent?: string): Promise<ClueRow> {
      const id = randomUUID();
      const year = yearInChina(submittedAt);
      const event = outboxRow(
        clueSubmitted,
        buildEnvelope(
          clueSubmitted,
          {
            subject: id,
            district: clue.districtCode,
            traceparent,
            data: {
              clueId: id,
              // The number is issued by the statement that writes the clue; this one only has its shape.
              number: clueNumber(clue.districtCode, year, 0),
              districtCode: clue.districtCode,
              gridCode: clue.gridCode,
              source: clue.source,
              category: clue.category,
              reporterMemberId: clue.reporterMemberId,
              submittedAt: submittedAt.toISOString(),
            },
          },
          { source: 'clues', time: submittedAt },
        ),
      );
      return clues.create(tx, { ...clue, id, year, submittedAt }, event, duplicateCriteria({ ...clue, submittedAt }, rules));
    },
  };
}

export type ClueIntake = ReturnType<typeof clueIntake>;
