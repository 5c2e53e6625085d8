import { randomUUID } from 'node:crypto';
import { buildEnvelope, pointsCredited, type clueAccepted, type clueCaseOpened, type EnvelopeOf } from '@pgov/contracts';
import { outboxRow } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { creditForClue, type ClueCreditReason, type PointsDefaults } from '../domain/points';
import type { PointsRepository } from '../persistence/points.repository';
import { creditRunOf } from './credit-run';

type ClueOutcomeEnvelope = EnvelopeOf<typeof clueAccepted> | EnvelopeOf<typeof clueCaseOpened>;

/**
 * clues.clue.accepted / clues.clue.case-opened → credit the informant who reported the clue the
 * amount of the clue's district (else the configured default), at most once per clue and reason,
 * and announce the credit, in the consumer's transaction (which also records the event as
 * processed, so a redelivered event changes nothing). Reads and writes go through the
 * transaction's credit run (credit-run.ts): with the consumer's hooks, once for the whole run.
 */
export function clueOutcomeHandler(points: PointsRepository, reason: ClueCreditReason, defaults: PointsDefaults) {
  return async (envelope: ClueOutcomeEnvelope, tx: Prisma.TransactionClient): Promise<void> => {
    const clue = envelope.data;
    const { run, own } = creditRunOf(tx, points);
    const amount = (await run.amountIn(tx, clue.districtCode, reason)) ?? defaults[reason];
    const credit = creditForClue(clue, reason, amount);
    if (!credit) return;
    const member = await run.member(tx, credit.memberId);
    // Goes to the (internal) dead-letter topic with this reason: a clue names a reporter this service does not know.
    if (!member) throw new Error(`reporter ${credit.memberId} of clue ${clue.clueId} is not a known member`);
    const entry = { ...credit, memberId: member.id, id: randomUUID(), sourceEventId: envelope.id, creditedAt: new Date() };
    // Built (validated, joined to this event's trace) now; written only if the entry is new.
    const event = outboxRow(
      pointsCredited,
      buildEnvelope(
        pointsCredited,
        {
          subject: member.id,
          district: member.districtCode,
          traceparent: envelope.traceparent,
          data: {
            memberId: member.id,
            clueId: clue.clueId,
            points: entry.points,
            reason: entry.reason,
            ledgerEntryId: entry.id,
            creditedAt: entry.creditedAt.toISOString(),
          },
        },
        { source: 'grids' },
      ),
    );
    run.add({ entry, event });
    if (own) await run.flush(tx);
  };
}
