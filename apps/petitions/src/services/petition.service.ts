import type { Identity } from '@pgov/auth';
import { buildEnvelope, petitionReceived } from '@pgov/contracts';
import { parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import type { ReplyRules } from '../domain/deadlines';
import { decideNewPetition, receivePetitionInput } from '../domain/receive-petition';
import type { petitionRepository, PetitionRow } from '../persistence/petition.repository';
import type { PetitionsDb } from '../persistence/prisma';

/** Write side of petitions: each change and the event announcing it in one transaction. */
export function petitionService(deps: { db: PetitionsDb; petitions: ReturnType<typeof petitionRepository>; clock: () => Date; rules: ReplyRules }) {
  const { db, petitions, clock, rules } = deps;
  return {
    async receive(identity: Identity, rawInput: unknown): Promise<PetitionRow> {
      const petition = decideNewPetition(identity, parseInput(receivePetitionInput, rawInput), clock(), rules);
      return db.$transaction(async (tx) => {
        const created = await petitions.create(tx, petition);
        // The event carries no personal data: the petitioner stays in this service.
        await enqueueEvent(
          tx,
          petitionReceived,
          buildEnvelope(
            petitionReceived,
            {
              subject: created.id,
              district: created.districtCode,
              data: {
                petitionId: created.id,
                districtCode: created.districtCode,
                channel: created.channel,
                category: created.category,
                firstTime: created.firstTime,
                receivedAt: created.receivedAt.toISOString(),
                proceduralReplyDueAt: created.proceduralReplyDueAt.toISOString(),
                resultReplyDueAt: created.resultReplyDueAt.toISOString(),
              },
            },
            { source: 'petitions' },
          ),
        );
        return created;
      });
    },
  };
}
