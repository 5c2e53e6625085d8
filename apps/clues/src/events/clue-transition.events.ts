import {
  buildEnvelope,
  clueAccepted,
  clueAssigned,
  clueCaseOpened,
  clueClosedNoAction,
  clueRejected,
  clueTransferred,
  type DataOf,
  type EventDefinition,
} from '@pgov/contracts';
import { enqueueEvent, type RawSql } from '@pgov/messaging';
import type { Transition } from '../domain/clue-transition';
import type { ClueRow } from '../persistence/clue.repository';

/** What the clues service publishes on a transition (all on clues.clue.v1, keyed by clue id). */
export const clueTransitionEvents = [clueAccepted, clueRejected, clueAssigned, clueTransferred, clueCaseOpened, clueClosedNoAction] as const;

/**
 * Writes the transition's event to the outbox through `tx`, the transaction that changed the clue.
 * An assigned clue always has a department, so the `!`s hold; were one broken, the envelope would
 * fail its contract and the whole transaction roll back.
 */
export function enqueueTransitionEvent(tx: RawSql, clue: ClueRow, t: Transition, by: string, at: Date): Promise<void> {
  const publish = <D extends EventDefinition<unknown, string>>(definition: D, data: DataOf<D>) =>
    enqueueEvent(tx, definition, buildEnvelope(definition, { subject: clue.id, district: clue.districtCode, data }, { source: 'clues', time: at }));
  const base = { clueId: clue.id, number: clue.number, districtCode: clue.districtCode };
  // grids credits the reporter's points on these two, so they name the informant (internal topic).
  const informant = { gridCode: clue.gridCode, source: clue.source, category: clue.category, reporterMemberId: clue.reporterMemberId };
  const when = at.toISOString();
  switch (t.action) {
    case 'ACCEPT':
      return publish(clueAccepted, { ...base, ...informant, acceptedBy: by, acceptedAt: when });
    case 'REJECT':
      return publish(clueRejected, { ...base, reason: t.reason!, rejectedBy: by, rejectedAt: when });
    case 'ASSIGN':
      return publish(clueAssigned, { ...base, department: t.department!, assignedBy: by, assignedAt: when });
    case 'TRANSFER':
      return publish(clueTransferred, {
        ...base,
        fromDepartment: t.fromDepartment!,
        toDepartment: t.department!,
        reason: t.reason!,
        transferredBy: by,
        transferredAt: when,
      });
    case 'OPEN_CASE':
      return publish(clueCaseOpened, { ...base, ...informant, department: t.department!, openedBy: by, openedAt: when });
    case 'CLOSE_NO_ACTION':
      return publish(clueClosedNoAction, { ...base, department: t.department!, reason: t.reason!, closedBy: by, closedAt: when });
  }
}
