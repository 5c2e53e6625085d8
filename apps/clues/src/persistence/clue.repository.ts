import { afterNewestFirst, isUuid } from '@pgov/graphql-kit';
import type { ClueCategory, ClueSource, ClueStatus, Prisma } from '../generated/prisma/client';
import type { NewClue } from '../domain/submit-clue';
import type { CluesDb } from './prisma';

type Tx = Prisma.TransactionClient;

export interface ClueListFilter {
  status?: ClueStatus[] | null;
  category?: ClueCategory[] | null;
  source?: ClueSource[] | null;
  submittedFrom?: string | null;
  submittedTo?: string | null;
  text?: string | null;
}

export function clueRepository(db: CluesDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.clue.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },

    /** Newest first, keyset-paginated on (submittedAt, id); fetches size + 1 rows. */
    async page(scope: { districtCode?: string; submittedBy?: string }, filter: ClueListFilter, size: number, after: string | null | undefined) {
      const where: Prisma.ClueWhereInput = {
        ...scope,
        ...(filter.status?.length ? { status: { in: filter.status } } : {}),
        ...(filter.category?.length ? { category: { in: filter.category } } : {}),
        ...(filter.source?.length ? { source: { in: filter.source } } : {}),
        ...(filter.submittedFrom || filter.submittedTo
          ? {
              submittedAt: {
                ...(filter.submittedFrom ? { gte: new Date(filter.submittedFrom) } : {}),
                ...(filter.submittedTo ? { lt: new Date(filter.submittedTo) } : {}),
              },
            }
          : {}),
        ...(filter.text ? { title: { contains: filter.text, mode: 'insensitive' } } : {}),
      };
      const [rows, total] = await Promise.all([
        db.clue.findMany({
          where: { AND: [where, afterNewestFirst(after, 'submittedAt')] },
          orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        db.clue.count({ where }),
      ]);
      return { rows, total };
    },

    /**
     * Next number of a district and year. The upsert takes the counter's row lock until the
     * surrounding transaction ends, so concurrent submissions queue and never share a number.
     */
    async nextSeq(tx: Tx, districtCode: string, year: number): Promise<number> {
      const [row] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO clue_number_counter (district_code, year, last) VALUES (${districtCode}, ${year}, 1)
        ON CONFLICT (district_code, year) DO UPDATE SET last = clue_number_counter.last + 1
        RETURNING last`;
      return row!.last;
    },

    async create(tx: Tx, clue: NewClue & { originRef?: string | null; number: string; year: number; seq: number; submittedAt: Date }) {
      const created = await tx.clue.create({ data: { ...clue, status: 'SUBMITTED' } });
      await tx.clueTransition.create({ data: { clueId: created.id, from: null, to: 'SUBMITTED', by: clue.submittedBy, at: clue.submittedAt } });
      return created;
    },
  };
}

export type ClueRow = Awaited<ReturnType<ReturnType<typeof clueRepository>['byIds']>>[number];
