import { afterNewestFirst, decodeCursor, InvalidInput, isUuid } from '@pgov/graphql-kit';
import { calendarDate } from '@pgov/reference-data';
import type { AttendeeScope } from '../domain/training-access';
import { Prisma } from '../generated/prisma/client';
import type { GridsDb } from './prisma';

type Tx = Prisma.TransactionClient;

export interface TrainingRow {
  id: string;
  title: string;
  districtCode: string;
  /** The calendar date as UTC midnight (a date column). */
  heldOn: Date;
  createdBy: string;
  createdAt: Date;
}

/** An attendee as lists need it: the member id (loaded through the member loader) and the sort key. */
export interface AttendeeRef {
  memberId: string;
  name: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** Held on a date in [from, until): China calendar dates, either end open. */
export interface HeldOnRange {
  from?: string;
  until?: string;
}

export interface TrainingCounts {
  trainings: number;
  attendances: number;
  membersTrained: number;
}

const select = { id: true, title: true, districtCode: true, heldOn: true, createdBy: true, createdAt: true } as const;
const newestFirst = [{ heldOn: 'desc' as const }, { id: 'desc' as const }];

interface RawTraining {
  id: string;
  title: string;
  district_code: string;
  held_on: Date;
  created_by: string;
  created_at: Date;
}

const TRAINING_COLUMNS = Prisma.sql`t.id, t.title, t.district_code, t.held_on, t.created_by, t.created_at`;

function fromRaw(r: RawTraining): TrainingRow {
  return { id: r.id, title: r.title, districtCode: r.district_code, heldOn: r.held_on, createdBy: r.created_by, createdAt: r.created_at };
}

function heldOnWhere(range: HeldOnRange) {
  if (!range.from && !range.until) return {};
  return { heldOn: { ...(range.from ? { gte: calendarDate(range.from) } : {}), ...(range.until ? { lt: calendarDate(range.until) } : {}) } };
}

function heldOnSql(range: HeldOnRange) {
  return Prisma.sql`${range.from ? Prisma.sql`AND t.held_on >= ${range.from}::date` : Prisma.empty} ${range.until ? Prisma.sql`AND t.held_on < ${range.until}::date` : Prisma.empty}`;
}

/** The attendee condition of a scope, on `member m`; null when the scope can match nobody. */
function attendeeSql(scope: AttendeeScope) {
  if ('all' in scope) return Prisma.empty;
  if ('districtCode' in scope) return Prisma.sql`AND m.district_code = ${scope.districtCode}`;
  return isUuid(scope.memberId) ? Prisma.sql`AND m.id = ${scope.memberId}::uuid` : null;
}

function attendeeWhere(scope: AttendeeScope) {
  if ('all' in scope) return {};
  if ('districtCode' in scope) return { member: { districtCode: scope.districtCode } };
  return { memberId: scope.memberId };
}

/** Groups windowed rows (one query for many parents) into each parent's first page and total. */
function pagesOf<R extends { parent: string; total: bigint }, T>(keys: readonly string[], rows: R[], map: (row: R) => T): Map<string, Page<T>> {
  const pages = new Map<string, Page<T>>(keys.map((k) => [k, { rows: [], total: 0 }]));
  for (const row of rows) {
    const page = pages.get(row.parent);
    if (!page) continue;
    page.rows.push(map(row));
    page.total = Number(row.total);
  }
  return pages;
}

export function trainingRepository(db: GridsDb) {
  return {
    byIds(ids: readonly string[]): Promise<TrainingRow[]> {
      return db.training.findMany({ where: { id: { in: ids.filter(isUuid) } }, select });
    },

    /** Keyset page, newest first (heldOn desc, id desc); `districtCode` absent: every district's. */
    async page(filter: { districtCode?: string } & HeldOnRange, size: number, after: string | null | undefined): Promise<Page<TrainingRow>> {
      const where = { ...(filter.districtCode ? { districtCode: filter.districtCode } : {}), ...heldOnWhere(filter) };
      const [rows, total] = await Promise.all([
        db.training.findMany({ where: { ...where, ...afterNewestFirst(after, 'heldOn') }, orderBy: newestFirst, take: size + 1, select }),
        db.training.count({ where }),
      ]);
      return { rows, total };
    },

    /** First pages of many districts' lists (not the city's) with their totals, in one statement. */
    async firstPagesByDistrict(codes: readonly string[], range: HeldOnRange, size: number): Promise<Map<string, Page<TrainingRow>>> {
      if (codes.length === 0) return new Map();
      const rows = await db.$queryRaw<(RawTraining & { parent: string; total: bigint })[]>`
        SELECT * FROM (
          SELECT ${TRAINING_COLUMNS}, t.district_code AS parent,
                 row_number() OVER (PARTITION BY t.district_code ORDER BY t.held_on DESC, t.id DESC) AS n,
                 count(*) OVER (PARTITION BY t.district_code) AS total
          FROM training t
          WHERE t.district_code = ANY (${[...codes]}::text[]) ${heldOnSql(range)}
        ) x
        WHERE n <= ${size + 1}
        ORDER BY parent, n`;
      return pagesOf(codes, rows, fromRaw);
    },

    /** Attendee counts of many trainings in one query. */
    async attendeeCounts(trainingIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.trainingAttendance.groupBy({ by: ['trainingId'], where: { trainingId: { in: trainingIds.filter(isUuid) } }, _count: { _all: true } });
      return new Map(rows.map((r) => [r.trainingId, r._count._all]));
    },

    /** A member's trainings, newest first. */
    async historyPage(memberId: string, size: number, after: string | null | undefined): Promise<Page<TrainingRow>> {
      const [rows, total] = await Promise.all([
        db.training.findMany({
          where: { attendances: { some: { memberId } }, ...afterNewestFirst(after, 'heldOn') },
          orderBy: newestFirst,
          take: size + 1,
          select,
        }),
        db.trainingAttendance.count({ where: { memberId } }),
      ]);
      return { rows, total };
    },

    /** First pages of many members' histories with their totals, in one statement. */
    async historyFirstPages(memberIds: readonly string[], size: number): Promise<Map<string, Page<TrainingRow>>> {
      const rows = await db.$queryRaw<(RawTraining & { parent: string; total: bigint })[]>`
        SELECT * FROM (
          SELECT ${TRAINING_COLUMNS}, a.member_id::text AS parent,
                 row_number() OVER (PARTITION BY a.member_id ORDER BY t.held_on DESC, t.id DESC) AS n,
                 count(*) OVER (PARTITION BY a.member_id) AS total
          FROM training_attendance a JOIN training t ON t.id = a.training_id
          WHERE a.member_id = ANY (${memberIds.filter(isUuid)}::uuid[])
        ) x
        WHERE n <= ${size + 1}
        ORDER BY parent, n`;
      return pagesOf(memberIds, rows, fromRaw);
    },

    /** A training's attendees within `scope`, by name then id. */
    async attendeePage(trainingId: string, scope: AttendeeScope, size: number, after: string | null | undefined): Promise<Page<AttendeeRef>> {
      const cursor = decodeCursor(after);
      if (cursor && (cursor.length !== 2 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || !isUuid(cursor[1]))) {
        throw new InvalidInput('after', 'not a cursor returned by this list');
      }
      if ('memberId' in scope && !isUuid(scope.memberId)) return { rows: [], total: 0 };
      const where = { trainingId, ...attendeeWhere(scope) };
      const afterCursor = cursor
        ? { OR: [{ member: { name: { gt: String(cursor[0]) } } }, { member: { name: String(cursor[0]) }, memberId: { gt: String(cursor[1]) } }] }
        : {};
      const [rows, total] = await Promise.all([
        db.trainingAttendance.findMany({
          where: { AND: [where, afterCursor] },
          orderBy: [{ member: { name: 'asc' } }, { memberId: 'asc' }],
          take: size + 1,
          select: { memberId: true, member: { select: { name: true } } },
        }),
        db.trainingAttendance.count({ where }),
      ]);
      return { rows: rows.map((r) => ({ memberId: r.memberId, name: r.member.name })), total };
    },

    /** First pages of many trainings' attendees within `scope`, in one statement. */
    async attendeeFirstPages(trainingIds: readonly string[], scope: AttendeeScope, size: number): Promise<Map<string, Page<AttendeeRef>>> {
      const condition = attendeeSql(scope);
      if (!condition) return new Map(trainingIds.map((id) => [id, { rows: [], total: 0 }]));
      const rows = await db.$queryRaw<{ parent: string; member_id: string; name: string; total: bigint }[]>`
        SELECT * FROM (
          SELECT a.training_id::text AS parent, a.member_id::text AS member_id, m.name,
                 row_number() OVER (PARTITION BY a.training_id ORDER BY m.name, m.id) AS n,
                 count(*) OVER (PARTITION BY a.training_id) AS total
          FROM training_attendance a JOIN member m ON m.id = a.member_id
          WHERE a.training_id = ANY (${trainingIds.filter(isUuid)}::uuid[]) ${condition}
        ) x
        WHERE n <= ${size + 1}
        ORDER BY parent, n`;
      return pagesOf(trainingIds, rows, (r) => ({ memberId: r.member_id, name: r.name }));
    },

    /**
     * Trainings, attendances and distinct members trained per district for trainings held in
     * `range`, and for the city (`cityCode`: all trainings of every district and the city's own),
     * in one statement.
     */
    async counts(range: HeldOnRange, cityCode: string): Promise<Map<string, TrainingCounts>> {
      const rows = await db.$queryRaw<{ district_code: string | null; trainings: bigint; attendances: bigint; members: bigint }[]>`
        SELECT t.district_code,
               count(DISTINCT t.id) AS trainings,
               count(a.member_id) AS attendances,
               count(DISTINCT a.member_id) AS members
        FROM training t LEFT JOIN training_attendance a ON a.training_id = t.id
        WHERE true ${heldOnSql(range)}
        GROUP BY GROUPING SETS ((t.district_code), ())`;
      const totals = new Map<string, TrainingCounts>();
      for (const r of rows) {
        const counts = { trainings: Number(r.trainings), attendances: Number(r.attendances), membersTrained: Number(r.members) };
        // The grand total row (district null) is the city's figure; the city's own row is part of it.
        if (r.district_code === null) totals.set(cityCode, counts);
        else if (r.district_code !== cityCode) totals.set(r.district_code, counts);
      }
      return totals;
    },

    create(tx: Tx, training: { title: string; districtCode: string; heldOn: string; createdBy: string; createdAt: Date }): Promise<TrainingRow> {
      return tx.training.create({ data: { ...training, heldOn: calendarDate(training.heldOn) }, select });
    },

    /**
     * The training, locked until the transaction ends: recordings of one training run one after
     * the other, so each counts exactly what is there and its announced count is never stale.
     */
    async lockForAttendance(tx: Tx, id: string): Promise<TrainingRow | null> {
      if (!isUuid(id)) return null;
      const rows = await tx.$queryRaw<RawTraining[]>`SELECT ${TRAINING_COLUMNS} FROM training t WHERE t.id = ${id}::uuid FOR UPDATE`;
      return rows[0] ? fromRaw(rows[0]) : null;
    },

    /** Id and district of the members among `ids` (no personal columns). */
    membersOfDistricts(tx: Tx, ids: readonly string[]) {
      return tx.member.findMany({ where: { id: { in: ids.filter(isUuid) } }, select: { id: true, districtCode: true } });
    },

    /** Inserts attendances; members already recorded are skipped. Answers the ids really inserted now. */
    async addAttendances(tx: Tx, trainingId: string, memberIds: readonly string[], recordedBy: string, recordedAt: Date): Promise<string[]> {
      const created = await tx.trainingAttendance.createManyAndReturn({
        data: memberIds.map((memberId) => ({ trainingId, memberId, recordedBy, recordedAt })),
        skipDuplicates: true,
        select: { memberId: true },
      });
      return created.map((c) => c.memberId);
    },

    countAttendees(tx: Tx, trainingId: string): Promise<number> {
      return tx.trainingAttendance.count({ where: { trainingId } });
    },
  };
}

export type TrainingRepository = ReturnType<typeof trainingRepository>;
