import { buildEnvelope, pointsCredited, type clueAccepted, type clueCaseOpened, type EnvelopeOf } from '@pgov/contracts';
import { enqueueEvent } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { creditForClue, type ClueCreditReason, type PointsDefaults } from '../domain/points';
import type { PointsRepository } from '../persistence/points.repository';

type ClueOutcomeEnvelope = EnvelopeOf<typeof clueAccepted> | EnvelopeOf<typeof clueCaseOpened>;

/**
 * clues.clue.accepted / clues.clue.case-opened → credit the informant who reported the clue the
 * amount of the clue's district (else the configured default), at most once per clue and reason,
 * and announce the credit, in the consumer's transaction (which also records the event as
 * processed, so a redelivered event changes nothing).
 */
export function clueOutcomeHandler(points: PointsRepository, reason: ClueCreditReason, defaults: PointsDefaults) {
  return async (envelope: ClueOutcomeEnvelope, tx: Prisma.TransactionClient): Promise<void> => {
    const clue = envelope.data;
    const amount = (await points.ruleIn(tx, clue.districtCode, reason)) ?? defaults[reason];
    const credit = creditForClue(clue, reason, amount);
    if (!credit) return;
    const member = await tx.member.findUnique({ where: { id: credit.memberId }, select: { id: true, districtCode: true } });
    // Goes to the (internal) dead-letter topic with this reason: a clue names a reporter this service does not know.
    if (!member) throw new Error(`reporter ${credit.memberId} of clue ${clue.clueId} is not a known member`);
    const entry = await points.credit(tx, { ...credit, sourceEventId: envelope.id });
    if (!entry) return;
    await enqueueEvent(
      tx,
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
  };
}
