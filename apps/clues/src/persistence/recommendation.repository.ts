import { afterNewestFirst, isUuid } from '@pgov/graphql-kit';
import { calendarDate } from '@pgov/reference-data';
import type { Prisma } from '../generated/prisma/client';
import type { RecommendationDraft } from '../domain/recommendation-issue';
import type { RecommendationFilter } from '../domain/recommendation-register';
import type { RecommendationTransition } from '../domain/recommendation-transition';
import type { CluesDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** 'YYYY-MM-DD' of a date column (Prisma reads it as UTC midnight). */
export const calendarDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Past due without a reply on `today` (China): the SQL twin of isPastDue in the domain. */
function pastDue(today: string): Prisma.RecommendationWhereInput {
  return { OR: [{ status: 'OVERDUE' }, { status: 'ISSUED', replyDueOn: { lt: calendarDate(today) } }] };
}

/** Free text is matched literally: LIKE's wildcards in it are escaped (backslash is PostgreSQL's escape). */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function registerWhere(scope: { districtCode?: string }, f: RecommendationFilter, today: string): Prisma.RecommendationWhereInput {
  const and: Prisma.RecommendationWhereInput[] = [scope];
  if (f.status.length) and.push({ status: { in: f.status } });
  if (f.kind.length) and.push({ kind: { in: f.kind } });
  if (f.overdue !== null) and.push(f.overdue ? pastDue(today) : { NOT: pastDue(today) });
  if (f.dueFrom) and.push({ replyDueOn: { gte: calendarDate(f.dueFrom) } });
  if (f.dueTo) and.push({ replyDueOn: { lte: calendarDate(f.dueTo) } });
  if (f.text) {
    const text = literal(f.text);
    and.push({ OR: [{ title: { contains: text, mode: 'insensitive' } }, { agencyName: { contains: text, mode: 'insensitive' } }] });
  }
  return { AND: and };
}

/** Recommendations: the register and its nested lists (each batched), and the issuing writes. */
export function recommendationRepository(db: CluesDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.recommendation.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },

    /** Newest first, keyset-paginated on (issuedAt, id); fetches size + 1 rows. */
    async page(scope: { districtCode?: string }, filter: RecommendationFilter, today: string, size: number, after: string | null | undefined) {
      const where = registerWhere(scope, filter, today);
      const [rows, total] = await Promise.all([
        db.recommendation.findMany({
          where: { AND: [where, afterNewestFirst(after, 'issuedAt')] },
          orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        db.recommendation.count({ where }),
      ]);
      return { rows, total };
    },

    /** The clues cited by several recommendations, oldest clue first. */
    citedClues(recommendationIds: readonly string[]) {
      return db.recommendationClue.findMany({
        where: { recommendationId: { in: recommendationIds.filter(isUuid) } },
        include: { clue: true },
        orderBy: [{ clue: { submittedAt: 'asc' } }, { clueId: 'asc' }],
      });
    },

    /** The recommendations citing several clues, newest first. */
    citing(clueIds: readonly string[]) {
      return db.recommendationClue.findMany({
        where: { clueId: { in: clueIds.filter(isUuid) } },
        include: { recommendation: true },
        orderBy: [{ recommendation: { issuedAt: 'desc' } }, { recommendationId: 'desc' }],
      });
    },

    /** The history of several recommendations, oldest first. */
    transitionsOf(recommendationIds: readonly string[]) {
      return db.recommendationTransition.findMany({
        where: { recommendationId: { in: recommendationIds.filter(isUuid) } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
    },

    /**
     * Next document sequence of a district and year. The upsert takes the counter's row lock until
     * the surrounding transaction ends, so concurrent issues queue and never share a number.
     */
    async nextSeq(tx: Tx, districtCode: string, year: number): Promise<number> {
      const [row] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO recommendation_number_counter (district_code, year, last) VALUES (${districtCode}, ${year}, 1)
        ON CONFLICT (district_code, year) DO UPDATE SET last = recommendation_number_counter.last + 1
        RETURNING last`;
      if (!row) throw new Error('the counter upsert returned no row');
      return row.last;
    },

    /** The row, its clue links and its first history entry (from nothing to ISSUED). */
    create(tx: Tx, r: RecommendationDraft & { documentNumber: string; year: number; seq: number; issuedAt: Date; replyDueOn: string }) {
      const { clueIds, replyDueOn, ...columns } = r;
      return tx.recommendation.create({
        data: {
          ...columns,
          status: 'ISSUED',
          replyDueOn: calendarDate(replyDueOn),
          clues: { createMany: { data: clueIds.map((clueId) => ({ clueId })) } },
          transitions: { create: { from: null, to: 'ISSUED', by: r.issuedBy, at: r.issuedAt } },
        },
      });
    },

    /**
     * Locks the row until the transaction ends, then reads it. A concurrent change of the same
     * recommendation (or the sweep) waits here and then reads what the first one committed.
     */
    async lock(tx: Tx, id: string) {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT id FROM recommendation WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.recommendation.findUnique({ where: { id } });
    },

    /** The new state, its columns and the history row, in the caller's transaction. */
    async record(tx: Tx, t: RecommendationTransition, by: string) {
      const id = t.recommendationId;
      const columns: Prisma.RecommendationUpdateInput =
        t.change === 'REPLY'
          ? { repliedAt: t.at, replyAdoption: t.adoption, replyText: t.text }
          : t.change === 'CHECK'
            ? { checkedAt: t.at, checkNote: t.note }
            : { escalatedAt: t.at, escalationNote: t.note };
      const updated = await tx.recommendation.update({ where: { id }, data: { ...columns, status: t.to } });
      await tx.recommendationTransition.create({ data: { recommendationId: id, from: t.from, to: t.to, by, note: t.note, at: t.at } });
      return updated;
    },
  };
}

export type RecommendationRepository = ReturnType<typeof recommendationRepository>;
export type RecommendationRow = Awaited<ReturnType<RecommendationRepository['byIds']>>[number];
export type RecommendationTransitionRow = Awaited<ReturnType<RecommendationRepository['transitionsOf']>>[number];
export type CitedClueRow = Awaited<ReturnType<RecommendationRepository['citedClues']>>[number];
export type CitingRow = Awaited<ReturnType<RecommendationRepository['citing']>>[number];
