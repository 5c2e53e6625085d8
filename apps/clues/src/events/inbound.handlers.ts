import type { AnyEventDefinition } from '@pgov/contracts';
import type { EventHandler } from '@pgov/messaging';
import type { CluesDeps } from '../context';
import type { Prisma } from '../generated/prisma/client';
import { supervisionLimits } from '../domain/supervision-rules';
import { clueRepository } from '../persistence/clue.repository';
import { supervisionRepository } from '../persistence/supervision.repository';
import { clueIntake } from '../services/clue-intake';
import { referralIntake } from '../services/referral-intake';
import { referralService } from '../services/referral.service';
import { supervisionService } from '../services/supervision.service';
import { correctionsHandlers } from './corrections.handlers';
import { referralHandlers } from './referral.handlers';

/**
 * Handlers of the inbound topics, each run in the consumer's transaction (with the processed-event
 * record): petition referrals and grid-centre referrals become clues, community-corrections events
 * feed supervision. What a handler refuses goes to the topic's DLQ with the reason.
 */
export function inboundHandlers(deps: CluesDeps): EventHandler<AnyEventDefinition, Prisma.TransactionClient>[] {
  const { db, config, clock } = deps;
  const intake = referralIntake(clueIntake({ clues: clueRepository(db), config }));
  return [
    ...referralHandlers(referralService({ intake, clock })),
    ...correctionsHandlers(supervisionService({ persons: supervisionRepository(db), intake, clock, limits: supervisionLimits(config) })),
  ];
}
