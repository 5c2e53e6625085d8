import type { RecommendationFacts } from '@pgov/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { RecommendationFactState } from '../domain/recommendation-contributions';

type Tx = Prisma.TransactionClient;

/** recommendation_fact: one row per recommendation, locked while an event changes it. */
export const recommendationFactRepository = {
  /**
   * The recommendation's fact, created when this is its first event (from the facts every event
   * carries, with nothing counted yet), locked for this transaction.
   */
  async lock(tx: Tx, f: RecommendationFacts): Promise<RecommendationFactState> {
    await tx.$executeRaw`
      INSERT INTO recommendation_fact (recommendation_id, district_code, document_number, agency_name, reply_due_on)
      VALUES (${f.recommendationId}::uuid, ${f.districtCode}, ${f.documentNumber}, ${f.agencyName}, ${f.replyDueOn}::date)
      ON CONFLICT (recommendation_id) DO NOTHING`;
    const [row] = await tx.$queryRaw<RecommendationFactState[]>`
      SELECT recommendation_id::text AS "recommendationId", district_code AS "districtCode", document_number AS "documentNumber",
             agency_name AS "agencyName", to_char(reply_due_on, 'YYYY-MM-DD') AS "replyDueOn", issued_at AS "issuedAt",
             overdue_at AS "overdueAt", replied_at AS "repliedAt", replied_on_time AS "repliedOnTime", adoption,
             checked_at AS "checkedAt", rectified, escalated_at AS "escalatedAt"
      FROM recommendation_fact WHERE recommendation_id = ${f.recommendationId}::uuid FOR UPDATE`;
    return row!;
  },

  async save(tx: Tx, f: RecommendationFactState): Promise<void> {
    await tx.$executeRaw`
      UPDATE recommendation_fact SET district_code = ${f.districtCode}, document_number = ${f.documentNumber}, agency_name = ${f.agencyName},
        reply_due_on = ${f.replyDueOn}::date, issued_at = ${f.issuedAt}, overdue_at = ${f.overdueAt}, replied_at = ${f.repliedAt},
        replied_on_time = ${f.repliedOnTime}, adoption = ${f.adoption}, checked_at = ${f.checkedAt}, rectified = ${f.rectified},
        escalated_at = ${f.escalatedAt}
      WHERE recommendation_id = ${f.recommendationId}::uuid`;
  },
};
