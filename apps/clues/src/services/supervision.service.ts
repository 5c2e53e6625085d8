import { isDistrictOfCity } from '@pgov/reference-data';
import type { Prisma } from '../generated/prisma/client';
import type { Clock } from '../domain/clock';
import { RefusedEvent } from '../domain/referral';
import { applyFact, UNKNOWN_PERSON, type SupervisionFact } from '../domain/supervision';
import { brokenRules, supervisionClue, type SupervisionLimits } from '../domain/supervision-rules';
import { stateOf, type SupervisionRepository } from '../persistence/supervision.repository';
import type { ReferralIntake } from './referral-intake';

type Tx = Prisma.TransactionClient;

/** One corrections.person.* event as the service applies it. */
export interface SupervisionEventIn {
  eventId: string;
  personId: string;
  districtCode: string;
  fact: SupervisionFact;
  traceparent?: string;
}

/**
 * Synchronized supervision of community corrections (社区矫正同步监督): each event updates the
 * person's projection, joins their record, and raises a supervision clue for every rule it leaves
 * broken that has none yet — all in the consumer's transaction.
 */
export function supervisionService(deps: { persons: SupervisionRepository; intake: ReferralIntake; clock: Clock; limits: SupervisionLimits }) {
  const { persons, intake, clock, limits } = deps;
  return {
    async apply(tx: Tx, event: SupervisionEventIn): Promise<void> {
      const { eventId, personId, districtCode, fact } = event;
      if (!isDistrictOfCity(districtCode)) {
        throw new RefusedEvent(`corrections event ${eventId} about ${personId}: district ${districtCode} is not one of the 13 districts of the city`);
      }
      // The same event again (a replay the processed-event record does not cover): nothing changes.
      if (await persons.isRecorded(tx, eventId)) return;
      const at = clock();
      const person = await persons.lockPerson(tx, personId, districtCode, at);
      const state = applyFact(person ? stateOf(person) : UNKNOWN_PERSON, fact);
      await persons.save(tx, personId, districtCode, state, at);
      let raised: string | null = null;
      for (const breach of brokenRules(personId, state, limits)) {
        const { clue, created } = await intake.createOnce(tx, supervisionClue(personId, districtCode, breach), at, event.traceparent);
        if (created) raised ??= clue.id;
      }
      await persons.record(tx, { personId, eventId, fact, recordedAt: at, clueId: raised });
    },
  };
}

export type SupervisionService = ReturnType<typeof supervisionService>;
