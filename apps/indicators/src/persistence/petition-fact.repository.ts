import type { Prisma } from '../generated/prisma/client';
import type { PetitionFactState } from '../domain/petition-contributions';

type Tx = Prisma.TransactionClient;

/** petition_fact: one row per petition, locked while an event changes it. No petitioner data. */
export const petitionFactRepository = {
  /** The petition's fact, created empty when this is its first event, locked for this transaction. */
  async lock(tx: Tx, petitionId: string, districtCode: string): Promise<PetitionFactState> {
    await tx.$executeRaw`INSERT INTO petition_fact (petition_id, district_code) VALUES (${petitionId}::uuid, ${districtCode}) ON CONFLICT (petition_id) DO NOTHING`;
    const [row] = await tx.$queryRaw<PetitionFactState[]>`
      SELECT petition_id::text AS "petitionId", district_code AS "districtCode", category, first_time AS "firstTime",
             received_at AS "receivedAt", procedural_reply_due_at AS "proceduralReplyDueAt", result_reply_due_at AS "resultReplyDueAt",
             procedural_replied_at AS "proceduralRepliedAt", procedural_on_time AS "proceduralOnTime", procedural_missed_at AS "proceduralMissedAt",
             result_replied_at AS "resultRepliedAt", result_on_time AS "resultOnTime", result_missed_at AS "resultMissedAt",
             owner_assigned_at AS "ownerAssignedAt"
      FROM petition_fact WHERE petition_id = ${petitionId}::uuid FOR UPDATE`;
    return row!;
  },

  async save(tx: Tx, f: PetitionFactState): Promise<void> {
    await tx.$executeRaw`
      UPDATE petition_fact SET district_code = ${f.districtCode}, category = ${f.category}, first_time = ${f.firstTime},
        received_at = ${f.receivedAt}, procedural_reply_due_at = ${f.proceduralReplyDueAt}, result_reply_due_at = ${f.resultReplyDueAt},
        procedural_replied_at = ${f.proceduralRepliedAt}, procedural_on_time = ${f.proceduralOnTime}, procedural_missed_at = ${f.proceduralMissedAt},
        result_replied_at = ${f.resultRepliedAt}, result_on_time = ${f.resultOnTime}, result_missed_at = ${f.resultMissedAt},
        owner_assigned_at = ${f.ownerAssignedAt}
      WHERE petition_id = ${f.petitionId}::uuid`;
  },
};
