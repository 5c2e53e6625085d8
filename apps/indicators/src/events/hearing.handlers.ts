import { hearingCancelled, hearingConcluded, hearingHeld } from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { hearingContributions, type HearingFactState } from '../domain/hearing-contributions';
import { hearingFactRepository as facts } from '../persistence/hearing-fact.repository';
import { applyFactChange, type ValueChangeOptions } from '../services/value-changes';

type Tx = Prisma.TransactionClient;

interface HearingRef {
  hearingId: string;
  petitionId: string;
  districtCode: string;
}

/** Locks the hearing's fact, applies `patch`, and moves the values by the difference in contributions. */
async function change(tx: Tx, ref: HearingRef, patch: Partial<HearingFactState>, options: ValueChangeOptions) {
  const before = await facts.lock(tx, ref.hearingId, ref.petitionId, ref.districtCode);
  const after: HearingFactState = { ...before, ...patch, petitionId: ref.petitionId, districtCode: ref.districtCode };
  await facts.save(tx, after);
  await applyFactChange(tx, hearingContributions(before), hearingContributions(after), options);
}

/** petitions.hearing.v1 → hearing_fact → hearings held, opinions adopted, administrative disputes resolved. */
export function hearingHandlers(options: ValueChangeOptions) {
  return [
    on(hearingHeld, (e, tx: Tx) => change(tx, e.data, { heldAt: new Date(e.data.heldAt) }, options)),
    on(hearingConcluded, (e, tx: Tx) =>
      change(
        tx,
        e.data,
        { concludedAt: new Date(e.data.concludedAt), opinionAdopted: e.data.adopted, administrativeDisputeResolved: e.data.administrativeDisputeResolved },
        options,
      ),
    ),
    on(hearingCancelled, (e, tx: Tx) => change(tx, e.data, { cancelledAt: new Date(e.data.cancelledAt) }, options)),
  ];
}
