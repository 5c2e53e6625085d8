import type { Prisma } from '../generated/prisma/client';
import type { ComingDueState } from '../domain/deadlines-coming-due';
import type { DeadlineKind, SweepState } from '../domain/deadlines';

type Tx = Prisma.TransactionClient;

/** What the sweep reads of a petition that may have a deadline coming due or missed. */
export interface SweepCandidate extends SweepState, ComingDueState {
  id: string;
  districtCode: string;
}

/** Which petitions had which deadline announced, one list per deadline kind. */
export type Announced = Record<DeadlineKind, string[]>;

/** The deadline sweep's reads and writes (the rules themselves are deadlinesToAnnounce and deadlinesComingDue in the domain). */
export const deadlineSweepRepository = {
  /**
   * Up to `limit` petitions with a deadline missed, or coming due (not passed, at or before the
   * kind's `horizon`; null: that kind has no warning window), not yet announced — the SQL form of
   * the domain rules — locked for this transaction. FOR UPDATE SKIP LOCKED: another sweep (a
   * replica) takes other rows, and a petition a reply holds is left for the next run; a row another
   * sweep committed meanwhile is re-checked on its newest version, so it is never announced twice.
   */
  lockCandidates(tx: Tx, now: Date, horizon: Record<DeadlineKind, Date | null>, limit: number, passed: string[]): Promise<SweepCandidate[]> {
    return tx.$queryRaw<SweepCandidate[]>`
      SELECT id::text AS id, district_code AS "districtCode", status::text AS status,
             procedural_reply_due_at AS "proceduralReplyDueAt", result_reply_due_at AS "resultReplyDueAt",
             procedural_replied_at AS "proceduralRepliedAt", result_replied_at AS "resultRepliedAt",
             procedural_overdue_at AS "proceduralOverdueAt", result_overdue_at AS "resultOverdueAt",
             procedural_due_soon_at AS "proceduralDueSoonAt", result_due_soon_at AS "resultDueSoonAt"
      FROM petition
      WHERE ((procedural_replied_at IS NULL AND status <> 'CLOSED'
              AND ((procedural_overdue_at IS NULL AND procedural_reply_due_at < ${now}::timestamptz)
                OR (procedural_due_soon_at IS NULL AND procedural_reply_due_at >= ${now}::timestamptz
                    AND procedural_reply_due_at <= ${horizon.PROCEDURAL}::timestamptz)))
          OR (result_replied_at IS NULL AND status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS')
              AND ((result_overdue_at IS NULL AND result_reply_due_at < ${now}::timestamptz)
                OR (result_due_soon_at IS NULL AND result_reply_due_at >= ${now}::timestamptz
                    AND result_reply_due_at <= ${horizon.RESULT}::timestamptz))))
        AND id <> ALL (${passed}::uuid[])
      ORDER BY id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
  },

  /** Marks the missed deadlines announced (each petition's *_overdue_at), in the announcing transaction. */
  async markMissed(tx: Tx, missed: Announced, at: Date): Promise<void> {
    if (missed.PROCEDURAL.length > 0) await tx.petition.updateMany({ where: { id: { in: missed.PROCEDURAL } }, data: { proceduralOverdueAt: at } });
    if (missed.RESULT.length > 0) await tx.petition.updateMany({ where: { id: { in: missed.RESULT } }, data: { resultOverdueAt: at } });
  },

  /** Marks the deadlines coming due announced (each petition's *_due_soon_at), in the announcing transaction. */
  async markComingDue(tx: Tx, comingDue: Announced, at: Date): Promise<void> {
    if (comingDue.PROCEDURAL.length > 0) await tx.petition.updateMany({ where: { id: { in: comingDue.PROCEDURAL } }, data: { proceduralDueSoonAt: at } });
    if (comingDue.RESULT.length > 0) await tx.petition.updateMany({ where: { id: { in: comingDue.RESULT } }, data: { resultDueSoonAt: at } });
  },
};
