/**
 * Referring a petition to the clues service (信访转线索): the handler summarises it as a clue; the
 * summary travels on an internal topic and becomes a clue's text, so it must not carry the
 * petitioner's name, nor any resident ID or mobile number (those stay encrypted here). Pure.
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { CLUE_CATEGORIES } from '@pgov/contracts';
import { InvalidInput } from '@pgov/errors';
import { nextDueAt } from './deadlines';
import { petitionId, trimmed } from './input-rules';
import { assertMayChange, canHandlePetition } from './petition-access';
import { nextStatus, type PetitionStatus } from './petition-states';
import type { PetitionSubject } from './petition-subject';

export const referInput = z.object({
  petitionId,
  clueCategory: z.enum(CLUE_CATEGORIES, { errorMap: () => ({ message: `must be one of ${CLUE_CATEGORIES.join(', ')}` }) }),
  title: trimmed(2, 200),
  description: trimmed(1, 5000),
});
export type ReferInput = z.infer<typeof referInput>;

// A resident ID number (17 digits and a check character) or a mainland mobile number anywhere in the text.
const ID_NUMBER_IN_TEXT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/;
const MOBILE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;

/** Why the text may not leave the service, or null. */
export function personalDataInText(text: string, petitionerName: string): string | null {
  if (ID_NUMBER_IN_TEXT.test(text)) return 'must not contain a resident ID number';
  if (MOBILE_IN_TEXT.test(text)) return 'must not contain a phone number';
  // A one-character name would match too much; the masked form 张* shows that it is one.
  const name = petitionerName.trim();
  if ([...name].length >= 2 && text.includes(name)) return "must not contain the petitioner's name";
  return null;
}

export interface ReferralDecision {
  from: PetitionStatus;
  to: PetitionStatus;
  nextDueAt: Date | null;
}

export function decideReferral(identity: Identity, petition: (PetitionSubject & { petitionerName: string }) | null, input: ReferInput): ReferralDecision {
  assertMayChange(identity, petition, input.petitionId, canHandlePetition, "only the district's procurators, leaders and clerks, and city admins, refer a petition");
  const to = nextStatus(petition.status, 'REFER');
  for (const field of ['title', 'description'] as const) {
    const problem = personalDataInText(input[field], petition.petitionerName);
    if (problem) throw new InvalidInput(`input.${field}`, problem);
  }
  return { from: petition.status, to, nextDueAt: nextDueAt({ ...petition, status: to }) };
}
