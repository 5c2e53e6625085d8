import { gridCentreReferralSubmitted, petitionReferralMade } from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { ReferralService } from '../services/referral.service';

type Tx = Prisma.TransactionClient;

/** petitions.referral.made and gridcentre.referral.submitted → one clue per referral. */
export function referralHandlers(referrals: ReferralService) {
  return [
    on(petitionReferralMade, (envelope, tx: Tx) => referrals.fromPetition(tx, envelope)),
    on(gridCentreReferralSubmitted, (envelope, tx: Tx) => referrals.fromGridCentre(tx, envelope)),
  ];
}
