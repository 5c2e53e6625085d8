import type { EnvelopeOf, gridCentreReferralSubmitted, petitionReferralMade } from '@pgov/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { Clock } from '../domain/clock';
import { clueFromGridCentreReferral, clueFromPetitionReferral } from '../domain/referral';
import type { ReferralIntake } from './referral-intake';

type Tx = Prisma.TransactionClient;

/** Referrals that become clues: petitions (信访转线索) and district grid centres (综治中心移送). */
export function referralService(deps: { intake: ReferralIntake; clock: Clock }) {
  const { intake, clock } = deps;
  return {
    async fromPetition(tx: Tx, envelope: EnvelopeOf<typeof petitionReferralMade>): Promise<void> {
      await intake.createOnce(tx, clueFromPetitionReferral(envelope.data), clock(), envelope.traceparent);
    },
    /** Throws RefusedEvent for a referral outside the city or with another district's grid (→ DLQ). */
    async fromGridCentre(tx: Tx, envelope: EnvelopeOf<typeof gridCentreReferralSubmitted>): Promise<void> {
      await intake.createOnce(tx, clueFromGridCentreReferral(envelope.data), clock(), envelope.traceparent);
    },
  };
}

export type ReferralService = ReturnType<typeof referralService>;
