import { afterNewestFirst, decodeCursor, isUuid } from '@pgov/graphql-kit';
import { InvalidInput } from '@pgov/errors';
import type { Prisma } from '../generated/prisma/client';
import type { PetitionCriteria, QueueScope } from '../domain/petition-list';
import { OPEN_STATUSES } from '../domain/petition-states';
import type { PetitionsDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** The list's criteria as one Prisma condition; each criterion is its own AND term. */
function criteriaWhere(c: PetitionCriteria): Prisma.PetitionWhereInput[] {
  const terms: Prisma.PetitionWhereInput[] = [];
  if (c.status) terms.push({ status: { in: c.status } });
  if (c.category) terms.push({ category: { in: c.category } });
  if (c.channel) terms.push({ channel: { in: c.channel } });
  if (c.firstTime !== undefined) terms.push({ firstTime: c.firstTime });
  if (c.receivedFrom) terms.push({ receivedAt: { gte: c.receivedFrom } });
  if (c.receivedTo) terms.push({ receivedAt: { lt: c.receivedTo } });
  // next_due_at is the nearest deadline still owed: overdue exactly when it has passed.
  if (c.overdue) {
    terms.push(c.overdue.overdue ? { nextDueAt: { lt: c.overdue.now } } : { OR: [{ nextDueAt: null }, { nextDueAt: { gte: c.overdue.now } }] });
  }
  return terms;
}

/** Queue cursors: [next due instant, or '' when none, id]. */
export const queueCursorKey = (p: { nextDueAt: Date | null; id: string }): string[] => [p.nextDueAt?.toISOString() ?? '', p.id];

/** Rows after the cursor in (next_due_at asc nulls last, id asc) order. */
function afterNearestDue(after: string | null | undefined): Prisma.PetitionWhereInput {
  const cursor = decodeCursor(after);
  if (!cursor) return {};
  const [due, id] = cursor;
  const at = new Date(String(due));
  if (cursor.length !== 2 || typeof due !== 'string' || typeof id !== 'string' || (due !== '' && Number.isNaN(at.getTime()))) {
    throw new InvalidInput('after', 'not a cursor returned by this list');
  }
  if (due === '') return { nextDueAt: null, id: { gt: id } };
  return { OR: [{ nextDueAt: { gt: at } }, { nextDueAt: at, id: { gt: id } }, { nextDueAt: null }] };
}

/** Petitions on record in a district, or in the city when `districtCode` is undefined (petition_district_tally). */
async function tallyOf(db: PetitionsDb, districtCode: string | undefined): Promise<number> {
  const { _sum } = await db.petitionDistrictTally.aggregate({ _sum: { petitions: true }, where: districtCode === undefined ? {} : { districtCode } });
  return Number(_sum.petitions ?? 0);
}

export function petitionRepository(db: PetitionsDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.petition.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },
    /**
     * The intake list: newest first. A district's or the city's unfiltered total (every
     * dashboard's) is read from the tally PostgreSQL keeps; a filtered one is counted.
     */
    async page(districtCode: string | undefined, criteria: PetitionCriteria, size: number, after: string | null | undefined) {
      const terms = criteriaWhere(criteria);
      const where: Prisma.PetitionWhereInput = { ...(districtCode ? { districtCode } : {}), AND: terms };
      const [rows, total] = await Promise.all([
        db.petition.findMany({
          where: { AND: [where, afterNewestFirst(after, 'receivedAt')] },
          orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        terms.length === 0 ? tallyOf(db, districtCode) : db.petition.count({ where }),
      ]);
      return { rows, total };
    },
    /** A handler's queue: open petitions, nearest deadline first (those with none last), then id. */
    async queue(scope: QueueScope, size: number, after: string | null | undefined) {
      const mine: Prisma.PetitionWhereInput = { handlerSubject: scope.handlerSubject };
      const whose = scope.unassignedOfDistrict ? { OR: [mine, { handlerSubject: null, districtCode: scope.unassignedOfDistrict }] } : mine;
      const where: Prisma.PetitionWhereInput = {
        AND: [whose, { status: { in: [...OPEN_STATUSES] } }, scope.districtCode ? { districtCode: scope.districtCode } : {}],
      };
      const [rows, total] = await Promise.all([
        db.petition.findMany({
          where: { AND: [where, afterNearestDue(after)] },
          orderBy: [{ nextDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
          take: size + 1,
        }),
        db.petition.count({ where }),
      ]);
      return { rows, total };
    },
    /** A new petition and the first row of its history (received, by whoever registered it). */
    async create(tx: Tx, petition: Prisma.PetitionUncheckedCreateInput & { receivedAt: Date; receivedBy: string }) {
      const created = await tx.petition.create({ data: petition });
      await tx.petitionTransition.create({ data: { petitionId: created.id, from: null, to: created.status, by: petition.receivedBy, at: petition.receivedAt } });
      return created;
    },
  };
}

export type PetitionRow = Awaited<ReturnType<ReturnType<typeof petitionRepository>['byIds']>>[number];
