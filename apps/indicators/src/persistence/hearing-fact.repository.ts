import type { Prisma } from '../generated/prisma/client';
import type { HearingFactState } from '../domain/hearing-contributions';

type Tx = Prisma.TransactionClient;

/** hearing_fact: one row per public hearing, locked while an event changes it. */
export const hearingFactRepository = {
  /** The hearing's fact, created empty when this is its first event, locked for this transaction. */
  async lock(tx: Tx, hearingId: string, petitionId: string, districtCode: string): Promise<HearingFactState> {
    await tx.$executeRaw`
      INSERT INTO hearing_fact (hearing_id, petition_id, district_code) VALUES (${hearingId}::uuid, ${petitionId}::uuid, ${districtCode})
      ON CONFLICT (hearing_id) DO NOTHING`;
    const [row] = await tx.$queryRaw<HearingFactState[]>`
      SELECT hearing_id::text AS "hearingId", petition_id::text AS "petitionId", district_code AS "districtCode", held_at AS "heldAt",
             concluded_at AS "concludedAt", opinion_adopted AS "opinionAdopted",
             administrative_dispute_resolved AS "administrativeDisputeResolved", cancelled_at AS "cancelledAt"
      FROM hearing_fact WHERE hearing_id = ${hearingId}::uuid FOR UPDATE`;
    return row!;
  },

  async save(tx: Tx, f: HearingFactState): Promise<void> {
    await tx.$executeRaw`
      UPDATE hearing_fact SET petition_id = ${f.petitionId}::uuid, district_code = ${f.districtCode}, held_at = ${f.heldAt},
        concluded_at = ${f.concludedAt}, opinion_adopted = ${f.opinionAdopted},
        administrative_dispute_resolved = ${f.administrativeDisputeResolved}, cancelled_at = ${f.cancelledAt}
      WHERE hearing_id = ${f.hearingId}::uuid`;
  },
};
