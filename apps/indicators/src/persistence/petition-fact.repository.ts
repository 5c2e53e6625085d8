import type { PetitionFactState } from '../domain/petition-contributions';
import { factTable } from './fact-table';

/** petition_fact: one row per petition, locked while an event changes it. No petitioner data. */
export const petitionFacts = factTable<PetitionFactState>({
  table: 'petition_fact',
  key: { field: 'petitionId', column: 'petition_id', cast: 'uuid' },
  created: [{ field: 'districtCode', column: 'district_code', cast: 'text' }],
  columns: [
    { field: 'districtCode', column: 'district_code', cast: 'text' },
    { field: 'category', column: 'category', cast: 'text' },
    { field: 'firstTime', column: 'first_time', cast: 'boolean' },
    { field: 'receivedAt', column: 'received_at', cast: 'timestamptz' },
    { field: 'proceduralReplyDueAt', column: 'procedural_reply_due_at', cast: 'timestamptz' },
    { field: 'resultReplyDueAt', column: 'result_reply_due_at', cast: 'timestamptz' },
    { field: 'proceduralRepliedAt', column: 'procedural_replied_at', cast: 'timestamptz' },
    { field: 'proceduralOnTime', column: 'procedural_on_time', cast: 'boolean' },
    { field: 'proceduralMissedAt', column: 'procedural_missed_at', cast: 'timestamptz' },
    { field: 'resultRepliedAt', column: 'result_replied_at', cast: 'timestamptz' },
    { field: 'resultOnTime', column: 'result_on_time', cast: 'boolean' },
    { field: 'resultMissedAt', column: 'result_missed_at', cast: 'timestamptz' },
    { field: 'ownerAssignedAt', column: 'owner_assigned_at', cast: 'timestamptz' },
  ],
  select: `petition_id::text AS "petitionId", district_code AS "districtCode", category, first_time AS "firstTime",
           received_at AS "receivedAt", procedural_reply_due_at AS "proceduralReplyDueAt", result_reply_due_at AS "resultReplyDueAt",
           procedural_replied_at AS "proceduralRepliedAt", procedural_on_time AS "proceduralOnTime", procedural_missed_at AS "proceduralMissedAt",
           result_replied_at AS "resultRepliedAt", result_on_time AS "resultOnTime", result_missed_at AS "resultMissedAt",
           owner_assigned_at AS "ownerAssignedAt"`,
});
