import type { PersonalDataCipher } from '@pgov/privacy';
import { sealPanel } from '../domain/hearing-panel';
import type { Prisma } from '../generated/prisma/client';
import { idNumberHash, sealPetitioner } from '../services/petitioner-personal-data';
import type { DemoHearing, DemoPetition } from './demo-petitions';

// The generated rows as the database keeps them: a petitioner's ID number and phone only as
// ciphertexts and the ID number's keyed hash (legacy plaintext columns null), an external hearing
// officer's ID number only as its keyed hash — exactly as the service stores them.

export function storedPetition(p: DemoPetition, cipher: PersonalDataCipher): Prisma.PetitionCreateManyInput {
  return { ...p.row, ...sealPetitioner(cipher, p.petitioner) };
}

export function storedHearing(h: DemoHearing): Prisma.HearingCreateManyInput {
  return h.row;
}

export function storedPanel(h: DemoHearing, cipher: PersonalDataCipher): Prisma.HearingPanelistCreateManyInput[] {
  const sealed = sealPanel(
    h.panel.map((p) => p.officer),
    (idNumber) => idNumberHash(cipher, idNumber),
  );
  return h.panel.map((p, i) => ({
    id: p.id,
    hearingId: h.row.id,
    petitionId: h.row.petitionId,
    ...sealed[i]!,
    opinion: p.opinion,
    opinionText: p.opinionText,
    opinionAt: p.opinionAt,
  }));
}
