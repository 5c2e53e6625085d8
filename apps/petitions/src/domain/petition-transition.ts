/** Starting to handle and closing a petition: who may, and whether the state machine allows it. Pure. */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { nextDueAt } from './deadlines';
import { note, petitionId } from './input-rules';
import { assertMayChange, canHandlePetition } from './petition-access';
import { nextStatus, type PetitionStatus } from './petition-states';
import type { PetitionSubject } from './petition-subject';

export const transitionInput = z.object({ petitionId, note });
export type TransitionInput = z.infer<typeof transitionInput>;

export interface TransitionDecision {
  from: PetitionStatus;
  to: PetitionStatus;
  note: string | null;
  nextDueAt: Date | null;
}

export function decideTransition(identity: Identity, petition: PetitionSubject | null, action: 'START' | 'CLOSE', input: TransitionInput): TransitionDecision {
  assertMayChange(identity, petition, input.petitionId, canHandlePetition, "only the district's procurators, leaders and clerks, and city admins, move a petition on");
  const to = nextStatus(petition.status, action);
  return { from: petition.status, to, note: input.note, nextDueAt: nextDueAt({ ...petition, status: to }) };
}
