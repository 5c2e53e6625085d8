import type { Identity } from '@pgov/auth';
import type { Clock } from '@pgov/config';
import { rowLoader } from '@pgov/graphql-kit';
import type { AuditLog, PersonalDataCipher } from '@pgov/privacy';
import type { PetitionsConfig } from './config';
import { hearingContext } from './context/hearing.context';
import { petitionLifecycleContext } from './context/petition-lifecycle.context';
import type { ReplyRules } from './domain/deadlines';
import { petitionRepository, type PetitionRow } from './persistence/petition.repository';
import type { PetitionsDb } from './persistence/prisma';
import { petitionService } from './services/petition.service';

/** What every request shares: built once per process in service.ts. */
export interface PetitionsDeps {
  db: PetitionsDb;
  config: PetitionsConfig;
  clock: Clock;
  rules: ReplyRules;
  /** Encrypts petitioners' ID numbers and phones at rest, and hashes ID numbers (PERSONAL_DATA_* keys). */
  cipher: PersonalDataCipher;
  /** The hash-chained audit log of reveals of petitioners' data. */
  audit: AuditLog;
}

/** Who is asking, and where from. */
export interface RequestScope {
  identity: Identity;
  requestId: string;
}

/** Per-request context; each area (lifecycle, hearings) adds its own in ./context/. */
export function createContext(deps: PetitionsDeps, identity: Identity, requestId: string) {
  const { db, clock, rules } = deps;
  const scope: RequestScope = { identity, requestId };
  const petitions = petitionRepository(db);
  return {
    identity,
    requestId,
    petitions,
    db,
    deps,
    service: petitionService({ db, petitions, clock, rules, cipher: deps.cipher }),
    loaders: {
      petition: rowLoader(petitions.byIds, (p: PetitionRow) => p.id),
    },
    lifecycle: petitionLifecycleContext(deps, scope),
    hearings: hearingContext(deps, scope),
  };
}

export type PetitionsContext = ReturnType<typeof createContext>;
