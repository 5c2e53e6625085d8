import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
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
      petition: new DataLoader<string, PetitionRow | null>(async (ids) => {
        const rows = new Map((await petitions.byIds(ids)).map((p) => [p.id, p]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
    },
  };
}

export type PetitionsContext = ReturnType<typeof createContext>;
