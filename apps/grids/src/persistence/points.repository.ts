import { afterNewestFirst } from '@pgov/graphql-kit';
import type { OutboxRow } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { ClueCreditReason, Credit } from '../domain/points';
import type { GridsDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** A credit for a clue, with the id and time its ledger entry gets, and the event announcing it. */
export interface AnnouncedCredit {
  entry: Credit & { id: string; sourceEventId: string; creditedAt: Date };
  event: OutboxRow;
}

// Each credit's entry, then its event only when the entry is new: the (member, clue, reason) key
// makes a second credit for the same thing a no-op, also when two runs race (ON CONFLICT). Entries
// are inserted in key order (two runs never wait on each other in a cycle), events in run order
// (the outbox's seq is the order the relay publishes in).
const CREDIT_AND_ANNOUNCE = `
  WITH credited AS (
    INSERT INTO points_entry (id, member_id, clue_id, clue_district_code, points, reason, source_event_id, credited_at)
    SELECT c.id, c.member_id, c.clue_id, c.clue_district_code, c.points, c.reason::"PointsReason", c.source_event_id, c.credited_at
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::uuid[], $8::timestamptz[])
      AS c(id, member_id, clue_id, clue_district_code, points, reason, source_event_id, credited_at)
    ORDER BY c.member_id, c.clue_id, c.reason
    ON CONFLICT (member_id, clue_id, reason) DO NOTHING
    RETURNING id
  )
  INSERT INTO outbox_event (id, topic, key, type, envelope)
  SELECT o.id, o.topic, o.key, o.type, o.envelope::jsonb
  FROM unnest($9::uuid[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY
    AS o(entry_id, id, topic, key, type, envelope, n)
  JOIN credited ON credited.id = o.entry_id
  ORDER BY o.n`;

export function pointsRepository(db: GridsDb) {
  return {
    /** Balances of many members in one query. */
    async balances(memberIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.pointsEntry.groupBy({ by: ['memberId'], where: { memberId: { in: [...memberIds] } }, _sum: { points: true } });
      return new Map(rows.map((r) => [r.memberId, r._sum.points ?? 0]));
    },
    async page(memberId: string, size: number, after: string | null | undefined) {
      const where = { memberId };
      const [rows, total] = await Promise.all([
        db.pointsEntry.findMany({
          where: { ...where, ...afterNewestFirst(after, 'creditedAt') },
          orderBy: [{ creditedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        db.pointsEntry.count({ where }),
      ]);
      return { rows, total };
    },
    /** Amounts districts set for themselves, for many districts at once. */
    rules(districtCodes: readonly string[]) {
      return db.pointsRule.findMany({ where: { districtCode: { in: [...districtCodes] } } });
    },
    setRule(rule: { districtCode: string; reason: ClueCreditReason; points: number; updatedBy: string }) {
      const { districtCode, reason } = rule;
      return db.pointsRule.upsert({ where: { districtCode_reason: { districtCode, reason } }, create: rule, update: rule });
    },
    /** Every district's own amounts, keyed `district:reason` (at most 13 × 2 rows): one statement for a run of events. */
    async rulesIn(tx: Tx): Promise<Map<string, number>> {
      const rows = await tx.pointsRule.findMany({ where: { reason: { in: ['CLUE_ACCEPTED', 'CLUE_CASE_OPENED'] } }, select: { districtCode: true, reason: true, points: true } });
      return new Map(rows.map((r) => [ruleKey(r.districtCode, r.reason as ClueCreditReason), r.points]));
    },
    /** The members among `ids` that exist (id → district), in one statement. */
    async membersIn(tx: Tx, ids: readonly string[]): Promise<Map<string, { id: string; districtCode: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.member.findMany({ where: { id: { in: [...ids] } }, select: { id: true, districtCode: true } });
      return new Map(rows.map((r) => [r.id, r]));
    },
    /**
     * Writes many credits and, for each entry created now, its event in the outbox: one statement
     * whatever the count (CREDIT_AND_ANNOUNCE). Returns how many entries were new.
     */
    async creditAndAnnounce(tx: Tx, credits: readonly AnnouncedCredit[]): Promise<number> {
      if (credits.length === 0) return 0;
      const entries = credits.map((c) => c.entry);
      return Number(
        await tx.$executeRawUnsafe(
          CREDIT_AND_ANNOUNCE,
          entries.map((e) => e.id),
          entries.map((e) => e.memberId),
          entries.map((e) => e.clueId),
          entries.map((e) => e.clueDistrictCode),
          entries.map((e) => e.points),
          entries.map((e) => e.reason),
          entries.map((e) => e.sourceEventId),
          entries.map((e) => e.creditedAt.toISOString()),
          entries.map((e) => e.id),
          credits.map((c) => c.event.id),
          credits.map((c) => c.event.topic),
          credits.map((c) => c.event.key),
          credits.map((c) => c.event.type),
          credits.map((c) => c.event.envelope),
        ),
      );
    },
    /** Locks the member's row for the rest of the transaction (adjustments serialise per member). */
    async lockMember(tx: Tx, memberId: string): Promise<{ id: string; districtCode: string } | null> {
      const rows = await tx.$queryRaw<{ id: string; district_code: string }[]>`
        SELECT id, district_code FROM member WHERE id = ${memberId}::uuid FOR UPDATE`;
      return rows[0] ? { id: rows[0].id, districtCode: rows[0].district_code } : null;
    },
    async balanceIn(tx: Tx, memberId: string): Promise<number> {
      const sum = await tx.pointsEntry.aggregate({ where: { memberId }, _sum: { points: true } });
      return sum._sum.points ?? 0;
    },
    adjust(tx: Tx, entry: { memberId: string; points: number; note: string; adjustedBy: string; creditedAt: Date }) {
      return tx.pointsEntry.create({ data: { ...entry, reason: 'MANUAL_ADJUSTMENT' } });
    },
  };
}

/** The key of a district's amount for a reason in rulesIn's map. */
export const ruleKey = (districtCode: string, reason: ClueCreditReason) => `${districtCode}:${reason}`;

export type PointsRepository = ReturnType<typeof pointsRepository>;
export type PointsEntryRow = Awaited<ReturnType<PointsRepository['adjust']>>;
