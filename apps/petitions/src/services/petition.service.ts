import type { Identity } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import type { PersonalDataCipher } from '@pgov/privacy';
import type { ReplyRules } from '../domain/deadlines';
import { decideNewPetition, receivePetitionInput } from '../domain/receive-petition';
import type { petitionRepository, PetitionRow } from '../persistence/petition.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { enqueueReceived } from './petition-events';
import { sealPetitioner } from './petitioner-personal-data';

/** Registering petitions: the row (petitioner numbers sealed), its first history row and its event, in one transaction. */
export function petitionService(deps: {
  db: PetitionsDb;
  petitions: ReturnType<typeof petitionRepository>;
  clock: () => Date;
  rules: ReplyRules;
  cipher: PersonalDataCipher;
}) {
  const { db, petitions, clock, rules, cipher } = deps;
  return {
    async receive(identity: Identity, rawInput: unknown): Promise<PetitionRow> {
      const now = clock();
      const { petitionerIdNumber, petitionerPhone, ...petition } = decideNewPetition(identity, parseInput(receivePetitionInput, rawInput), now, rules);
      return db.$transaction(async (tx) => {
        const created = await petitions.create(tx, { ...petition, ...sealPetitioner(cipher, { idNumber: petitionerIdNumber, phone: petitionerPhone }) });
        // The event carries no personal data: the petitioner stays in this service.
        await enqueueReceived(tx, created, now);
        return created;
      });
    },
  };
}
