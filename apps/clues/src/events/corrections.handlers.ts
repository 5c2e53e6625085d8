import {
  personCheckedIn,
  personCheckInMissed,
  personEducated,
  personEnrolled,
  personReleased,
  personReportedIn,
  personWarned,
  type CorrectionsPersonFacts,
  type EventEnvelope,
} from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { SupervisionFact } from '../domain/supervision';
import type { SupervisionService } from '../services/supervision.service';

type Tx = Prisma.TransactionClient;

/** The justice bureau's corrections.person.* events (keyed by person, in order per person) → supervision. */
export function correctionsHandlers(supervision: SupervisionService) {
  const apply = (tx: Tx, envelope: EventEnvelope<CorrectionsPersonFacts>, fact: SupervisionFact) =>
    supervision.apply(tx, {
      eventId: envelope.id,
      personId: envelope.data.personId,
      districtCode: envelope.data.districtCode,
      fact,
      traceparent: envelope.traceparent,
    });
  return [
    on(personEnrolled, (e, tx: Tx) => apply(tx, e, { type: 'enrolled', occurredOn: e.data.occurredOn, judgmentEffectiveOn: e.data.judgmentEffectiveOn })),
    on(personReportedIn, (e, tx: Tx) => apply(tx, e, { type: 'reported-in', occurredOn: e.data.occurredOn })),
    on(personCheckedIn, (e, tx: Tx) => apply(tx, e, { type: 'checked-in', occurredOn: e.data.occurredOn })),
    on(personCheckInMissed, (e, tx: Tx) => apply(tx, e, { type: 'check-in-missed', occurredOn: e.data.occurredOn })),
    on(personWarned, (e, tx: Tx) => apply(tx, e, { type: 'warned', occurredOn: e.data.occurredOn, reason: e.data.reason })),
    on(personEducated, (e, tx: Tx) => apply(tx, e, { type: 'educated', occurredOn: e.data.occurredOn, kind: e.data.kind })),
    on(personReleased, (e, tx: Tx) => apply(tx, e, { type: 'released', occurredOn: e.data.occurredOn, announced: e.data.announced })),
  ];
}
