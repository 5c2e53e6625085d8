import { buildEnvelope, clueSubmitted, pointsCredited, type EnvelopeOf } from '@pgov/contracts';
import { enqueueEvent } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { creditForSubmittedClue, type PointsRules } from '../domain/points';
import type { pointsRepository } from '../persistence/points.repository';

/**
 * clues.clue.submitted → credit the reporter (at most once per clue and reason) and announce the
 * credit, in the consumer's transaction (which also records the event as processed).
 */
export function clueSubmittedHandler(points: ReturnType<typeof pointsRepository>, rules: PointsRules) {
  return async (envelope: EnvelopeOf<typeof clueSubmitted>, tx: Prisma.TransactionClient): Promise<void> => {
    const credit = creditForSubmittedClue(envelope.data, rules);
    if (!credit) return;
    const member = await tx.member.findUnique({ where: { id: credit.memberId }, select: { id: true, districtCode: true } });
    // Goes to the dead-letter topic with this reason: a clue names a reporter this service does not know.
    if (!member) throw new Error(`reporter ${credit.memberId} of clue ${envelope.data.clueId} is not a known member`);
    const entry = await points.credit(tx, { ...credit, clueId: envelope.data.clueId, sourceEventId: envelope.id });
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
            clueId: entry.clueId,
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
