import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import type { ReplyRules } from './domain/deadlines';
import { petitionRepository, type PetitionRow } from './persistence/petition.repository';
import type { PetitionsDb } from './persistence/prisma';
import { petitionService } from './services/petition.service';

export function createContext(db: PetitionsDb, deps: { clock: () => Date; rules: ReplyRules }, identity: Identity, requestId: string) {
  const petitions = petitionRepository(db);
  return {
    identity,
    requestId,
    petitions,
    db,
    service: petitionService({ db, petitions, ...deps }),
    loaders: {
      petition: rowLoader(petitions.byIds, (p: PetitionRow) => p.id),
    },
  };
}

export type PetitionsContext = ReturnType<typeof createContext>;
