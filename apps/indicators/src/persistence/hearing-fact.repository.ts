import type { HearingFactState } from '../domain/hearing-contributions';
import { factTable } from './fact-table';

/** hearing_fact: one row per public hearing, locked while an event changes it. */
export const hearingFacts = factTable<HearingFactState>({
  table: 'hearing_fact',
  key: { field: 'hearingId', column: 'hearing_id', cast: 'uuid' },
  created: [
    { field: 'petitionId', column: 'petition_id', cast: 'uuid' },
    { field: 'districtCode', column: 'district_code', cast: 'text' },
  ],
  columns: [
    { field: 'petitionId', column: 'petition_id', cast: 'uuid' },
    { field: 'districtCode', column: 'district_code', cast: 'text' },
    { field: 'heldAt', column: 'held_at', cast: 'timestamptz' },
    { field: 'concludedAt', column: 'concluded_at', cast: 'timestamptz' },
    { field: 'opinionAdopted', column: 'opinion_adopted', cast: 'boolean' },
    { field: 'administrativeDisputeResolved', column: 'administrative_dispute_resolved', cast: 'boolean' },
    { field: 'cancelledAt', column: 'cancelled_at', cast: 'timestamptz' },
  ],
  select: `hearing_id::text AS "hearingId", petition_id::text AS "petitionId", district_code AS "districtCode", held_at AS "heldAt",
           concluded_at AS "concludedAt", opinion_adopted AS "opinionAdopted",
           administrative_dispute_resolved AS "administrativeDisputeResolved", cancelled_at AS "cancelledAt"`,
});
