/** The handler whose queue an open petition is in (a token subject). Pure. */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { Conflict } from '@pgov/errors';
import { petitionId, subject } from './input-rules';
import { assertMayChange, canLeadPetition } from './petition-access';
import { isOpen } from './petition-states';
import type { PetitionSubject } from './petition-subject';

export const assignHandlerInput = z.object({ petitionId, handlerSubject: subject });
export type AssignHandlerInput = z.infer<typeof assignHandlerInput>;

/** Puts an open petition in a handler's queue (the district's leaders and city admins decide whose). */
export function decideHandler(identity: Identity, petition: PetitionSubject | null, input: AssignHandlerInput): string {
  assertMayChange(identity, petition, input.petitionId, canLeadPetition, "only the district's leaders and city admins assign a petition's handler");
  if (!isOpen(petition.status)) throw new Conflict(`a ${petition.status} petition is in no one's queue`, { from: petition.status });
  return input.handlerSubject;
}
