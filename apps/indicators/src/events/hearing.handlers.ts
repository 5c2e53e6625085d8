import { hearingCancelled, hearingConcluded, hearingHeld } from '@pgov/contracts';
import { hearingContributions, type HearingFactState } from '../domain/hearing-contributions';
import { hearingFacts } from '../persistence/hearing-fact.repository';
import { factChange, type FactKind } from '../services/fact-changes';

interface HearingRef {
  hearingId: string;
  petitionId: string;
  districtCode: string;
}

const hearing: FactKind<HearingFactState> = { table: hearingFacts, contributions: hearingContributions };
const seed = (r: HearingRef) => ({ hearingId: r.hearingId, petitionId: r.petitionId, districtCode: r.districtCode });
/** The hearing's petition and district as the latest event says, with `patch`. */
const fold = (f: HearingFactState, r: HearingRef, patch: Partial<HearingFactState>): HearingFactState => ({ ...f, ...patch, petitionId: r.petitionId, districtCode: r.districtCode });

/** petitions.hearing.v1 → hearing_fact → hearings held, opinions adopted, administrative disputes resolved. */
export const hearingFactChanges = [
  factChange(hearing, hearingHeld, (e) => seed(e.data), (f, e) => fold(f, e.data, { heldAt: new Date(e.data.heldAt) })),
  factChange(hearing, hearingConcluded, (e) => seed(e.data), (f, e) =>
    fold(f, e.data, { concludedAt: new Date(e.data.concludedAt), opinionAdopted: e.data.adopted, administrativeDisputeResolved: e.data.administrativeDisputeResolved }),
  ),
  factChange(hearing, hearingCancelled, (e) => seed(e.data), (f, e) => fold(f, e.data, { cancelledAt: new Date(e.data.cancelledAt) })),
];
