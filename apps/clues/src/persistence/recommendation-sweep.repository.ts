import type { RecommendationKind } from '@pgov/contracts';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** What the overdue announcement needs of each recommendation the sweep marked. */
export interface MarkedOverdue {
  id: string;
  documentNumber: string;
  districtCode: string;
  kind: RecommendationKind;
  agencyName: string;
  /** YYYY-MM-DD */
  replyDueOn: string;
}

/** The overdue sweep's one statement and its history rows. */
export function recommendationSweepRepository() {
  return {
    /**
     * Marks up to `limit` ISSUED recommendations due before `today` OVERDUE and answers them.
     * FOR UPDATE SKIP LOCKED: a concurrent sweep (another replica) takes other rows, and a row a
     * reply holds is left for the next run. A row another sweep committed meanwhile is re-checked
     * against `status = 'ISSUED'` on its newest version, so it is never marked (nor announced) twice.
     */
    markOverdue(tx: Tx, today: string, at: Date, limit: number): Promise<MarkedOverdue[]> {
      return tx.$queryRaw<MarkedOverdue[]>`
        UPDATE recommendation r SET status = 'OVERDUE', overdue_at = ${at}::timestamptz
        FROM (
          SELECT id FROM recommendation
          WHERE status = 'ISSUED' AND reply_due_on < ${today}::date
          ORDER BY reply_due_on, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) due
        WHERE r.id = due.id AND r.status = 'ISSUED'
        RETURNING r.id::text AS id, r.document_number AS "documentNumber", r.district_code AS "districtCode",
          r.kind::text AS kind, r.agency_name AS "agencyName", to_char(r.reply_due_on, 'YYYY-MM-DD') AS "replyDueOn"`;
    },

    async recordTransitions(tx: Tx, ids: readonly string[], at: Date, by: string): Promise<void> {
      await tx.recommendationTransition.createMany({ data: ids.map((recommendationId) => ({ recommendationId, from: 'ISSUED', to: 'OVERDUE', by, at })) });
    },
  };
}
