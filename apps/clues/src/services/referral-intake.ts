import type { Prisma } from '../generated/prisma/client';
import type { ReferredClue } from '../domain/referral';
import type { ClueRow } from '../persistence/clue.repository';
import type { ClueIntake } from './clue-intake';

type Tx = Prisma.TransactionClient;

/** Key space of the advisory locks on clue origins ('clue' in ASCII), apart from every other advisory lock. */
const ORIGIN_LOCKS = 0x636c7565;

/**
 * Clues that events ask for: at most one per origin reference (a referral, a person and rule),
 * however often and however concurrently the events about it come.
 */
export function referralIntake(intake: ClueIntake) {
  return {
    /** The clue of `clue.originRef`: created through the intake now, or the one an earlier event created. */
    async createOnce(tx: Tx, clue: ReferredClue, at: Date, traceparent?: string): Promise<{ clue: ClueRow; created: boolean }> {
      // Two events about one thing may be processed at the same time (other partitions, other
      // instances): the second waits here until the first commits, then finds its clue.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ORIGIN_LOCKS}::int, hashtext(${clue.originRef}))`;
      const existing = await tx.clue.findUnique({ where: { originRef: clue.originRef } });
      if (existing) return { clue: existing, created: false };
      return { clue: await intake.create(tx, clue, at, traceparent), created: true };
    },
  };
}

export type ReferralIntake = ReturnType<typeof referralIntake>;
