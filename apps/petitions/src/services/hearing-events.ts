import { buildEnvelope, hearingCancelled, hearingConcluded, hearingHeld, hearingScheduled, type DataOf, type EventDefinition } from '@pgov/contracts';
import { enqueueEvent, type RawSql } from '@pgov/messaging';
import type { HearingChange } from '../domain/hearing-transition';
import type { HearingRow } from '../persistence/hearing.repository';

// Hearing events are partner-readable (petitions.hearing.v1): the petition, district, time, venue
// and outcome only. Never an officer's or the petitioner's name, id or number.

function publish<D extends EventDefinition<unknown, string>>(tx: RawSql, definition: D, hearing: HearingRow, data: DataOf<D>, at: Date) {
  return enqueueEvent(tx, definition, buildEnvelope(definition, { subject: hearing.id, district: hearing.districtCode, data }, { source: 'petitions', time: at }));
}

const facts = (h: HearingRow) => ({ hearingId: h.id, petitionId: h.petitionId, districtCode: h.districtCode });

/** petitions.hearing.scheduled, in the transaction that wrote the hearing. */
export function enqueueHearingScheduled(tx: RawSql, hearing: HearingRow, panelSize: number): Promise<void> {
  const data = { ...facts(hearing), scheduledFor: hearing.scheduledFor.toISOString(), venue: hearing.venue, panelSize };
  return publish(tx, hearingScheduled, hearing, data, hearing.createdAt);
}

/** The event of a change, if it has one: recording an opinion changes no state and announces nothing. */
export async function enqueueHearingChanged(tx: RawSql, hearing: HearingRow, change: HearingChange): Promise<void> {
  switch (change.action) {
    case 'HOLD':
      return publish(tx, hearingHeld, hearing, { ...facts(hearing), heldAt: change.hearing.heldAt.toISOString() }, change.hearing.heldAt);
    case 'CONCLUDE': {
      const { majorityOpinion, adopted, administrativeDisputeResolved, concludedAt } = change.hearing;
      const data = { ...facts(hearing), majorityOpinion, adopted, administrativeDisputeResolved, concludedAt: concludedAt.toISOString() };
      return publish(tx, hearingConcluded, hearing, data, concludedAt);
    }
    case 'CANCEL':
      return publish(tx, hearingCancelled, hearing, { ...facts(hearing), cancelledAt: change.hearing.cancelledAt.toISOString() }, change.hearing.cancelledAt);
    case 'RECORD_OPINION':
      return;
  }
}
