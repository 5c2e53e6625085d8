import { decodeCursor, isUuid } from '@pgov/graphql-kit';
import { InvalidInput } from '@pgov/errors';
import type { Prisma } from '../generated/prisma/client';
import type { CalendarFilter } from '../domain/hearing-calendar';
import type { PetitionsDb } from './prisma';

/**
 * The calendar's order, soonest first: (scheduledFor asc, id asc), the hearing index's order. The
 * `where` for rows after `after`, or `{}` on the first page; a forged cursor is bad input.
 */
export function afterSoonestFirst(after: string | null | undefined): Prisma.HearingWhereInput {
  const cursor = decodeCursor(after);
  if (!cursor) return {};
  const [time, id] = cursor;
  const at = new Date(String(time));
  if (cursor.length !== 2 || typeof id !== 'string' || !isUuid(id) || Number.isNaN(at.getTime())) {
    throw new InvalidInput('after', 'not a cursor returned by this list');
  }
  return { OR: [{ scheduledFor: { gt: at } }, { scheduledFor: at, id: { gt: id } }] };
}

/** Read side of hearings: every nested list is fetched for a whole page at once (one query per level). */
export function hearingRepository(db: PetitionsDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.hearing.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },

    /** The panels of several hearings, each in the order it was given (panelist ids are time-ordered). */
    panelistsOf(hearingIds: readonly string[]) {
      return db.hearingPanelist.findMany({ where: { hearingId: { in: hearingIds.filter(isUuid) } }, orderBy: [{ hearingId: 'asc' }, { id: 'asc' }] });
    },

    /** The hearings of several petitions, soonest first. */
    ofPetitions(petitionIds: readonly string[]) {
      return db.hearing.findMany({ where: { petitionId: { in: petitionIds.filter(isUuid) } }, orderBy: [{ scheduledFor: 'asc' }, { id: 'asc' }] });
    },

    /** A page of the calendar of one district (or of all, undefined) and its total. */
    async page(districtCode: string | undefined, filter: CalendarFilter, size: number, after: string | null | undefined) {
      const where: Prisma.HearingWhereInput = {
        ...(districtCode ? { districtCode } : {}),
        ...(filter.status ? { status: { in: [...filter.status] } } : {}),
        ...(filter.start || filter.end
          ? { scheduledFor: { ...(filter.start ? { gte: filter.start } : {}), ...(filter.end ? { lt: filter.end } : {}) } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        db.hearing.findMany({ where: { AND: [where, afterSoonestFirst(after)] }, orderBy: [{ scheduledFor: 'asc' }, { id: 'asc' }], take: size + 1 }),
        db.hearing.count({ where }),
      ]);
      return { rows, total };
    },
  };
}

export type HearingRow = Awaited<ReturnType<ReturnType<typeof hearingRepository>['byIds']>>[number];
export type HearingPanelistRow = Awaited<ReturnType<ReturnType<typeof hearingRepository>['panelistsOf']>>[number];
