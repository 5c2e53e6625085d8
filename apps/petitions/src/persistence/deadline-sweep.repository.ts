import type { Prisma } from '../generated/prisma/client';
import type { SweepState } from '../domain/deadlines';

type Tx = Prisma.TransactionClient;

/** What the sweep reads of a petition that may have missed a deadline. */
export interface SweepCandidate extends SweepState {
  id: string;
  districtCode: string;
}

/** The deadline sweep's reads and writes (the rule itself is deadlinesToAnnounce in the domain). */
export const deadlineSweepRepository = {
  /**
   * Up to `limit` petitions with a missed deadline not yet announced — the SQL form of
   * deadlinesToAnnounce — locked for this transaction. FOR UPDATE SKIP LOCKED: another sweep (a
   * replica) takes other rows, and a petition a reply holds is left for the next run; a row another
   * sweep committed meanwhile is re-checked on its newest version, so it is never announced twice.
   */
  lockMissed(tx: Tx, now: Date, limit: number, passed: string[]): Promise<SweepCandidate[]> {
    return tx.$queryRaw<SweepCandidate[]>`
      SELECT id::text AS id, district_code AS "districtCode", status::text AS status,
             procedural_reply_due_at AS "proceduralReplyDueAt", result_reply_due_at AS "resultReplyDueAt",
             procedural_replied_at AS "proceduralRepliedAt", result_replied_at AS "resultRepliedAt",
             procedural_overdue_at AS "proceduralOverdueAt", result_overdue_at AS "resultOverdueAt"
      FROM petition
      WHERE ((procedural_overdue_at IS NULL AND procedural_replied_at IS NULL AND status <> 'CLOSED'
              AND procedural_reply_due_at < ${now}::timestamptz)
          OR (result_overdue_at IS NULL AND result_replied_at IS NULL AND status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS')
              AND result_reply_due_at < ${now}::timestamptz))
        AND id <> ALL (${passed}::uuid[])
      ORDER BY id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
  },

  /** Marks the deadlines announced (each petition's *_overdue_at), in the announcing transaction. */
  async markAnnounced(tx: Tx, procedural: string[], result: string[], at: Date): Promise<void> {
    if (procedural.length > 0) await tx.petition.updateMany({ where: { id: { in: procedural } }, data: { proceduralOverdueAt: at } });
    if (result.length > 0) await tx.petition.updateMany({ where: { id: { in: result } }, data: { resultOverdueAt: at } });
  },
};
