import type { RecommendationKind } from '@pgov/contracts';
import type { RecommendationStatus } from '../domain/recommendation-states';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** What the overdue announcement needs of each recommendation the sweep marked. */
export interface MarkedOverdue {
  id: string;
  /** The status it was marked from. */
  from: RecommendationStatus;
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
     * Moves up to `limit` recommendations in one of `rule.from` and due before `today` to `rule.to`
     * (the domain's MARK_OVERDUE) and answers them. FOR UPDATE SKIP LOCKED: a concurrent sweep
     * (another replica) takes other rows, and a row a reply holds is left for the next run. A row
     * another sweep committed meanwhile is re-checked against `rule.from` on its newest version, so
     * it is never marked (nor announced) twice.
     */
    markOverdue(tx: Tx, rule: { from: readonly RecommendationStatus[]; to: RecommendationStatus }, today: string, at: Date, limit: number): Promise<MarkedOverdue[]> {
      const from = [...rule.from];
      return tx.$queryRaw<MarkedOverdue[]>`
        UPDATE recommendation r SET status = ${rule.to}::"RecommendationStatus", overdue_at = ${at}::timestamptz
        FROM (
          SELECT id, status FROM recommendation
          WHERE status = ANY(${from}::"RecommendationStatus"[]) AND reply_due_on < ${today}::date
          ORDER BY reply_due_on, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) due
        WHERE r.id = due.id AND r.status = ANY(${from}::"RecommendationStatus"[])
        RETURNING r.id::text AS id, due.status::text AS "from", r.document_number AS "documentNumber", r.district_code AS "districtCode",
          r.kind::text AS kind, r.agency_name AS "agencyName", to_char(r.reply_due_on, 'YYYY-MM-DD') AS "replyDueOn"`;
    },

    async recordTransitions(tx: Tx, marked: readonly { id: string; from: RecommendationStatus }[], to: RecommendationStatus, at: Date, by: string): Promise<void> {
      await tx.recommendationTransition.createMany({ data: marked.map((m) => ({ recommendationId: m.id, from: m.from, to, by, at })) });
    },
  };
}
