import { decodeCursor, InvalidInput, isUuid } from '@pgov/graphql-kit';
import { Prisma, type HearingOfficerKind, type InformantRole, type Member, type MemberStatus, type Team } from '../generated/prisma/client';
import type { GridsDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** A members list's conditions; absent ones do not narrow it. */
export interface MemberListFilter {
  /** One district; absent or null: every district. */
  districtCode?: string | null;
  /** Only this member (a caller who may list only themself). */
  memberId?: string | null;
  gridCode?: string | null;
  teams?: Team[] | null;
  informantRole?: InformantRole | null;
  statuses?: MemberStatus[] | null;
  namePrefix?: string | null;
  hearingOfficerKind?: HearingOfficerKind | null;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The filter as SQL, column by column, so that lists use the member indexes: (district_code, name,
 * id) for the name order, (team, district_code) and (grid_code, status) for the narrower filters.
 * Null when the filter can match nothing (an id that is not a uuid).
 */
function conditions(f: MemberListFilter): Prisma.Sql[] | null {
  const where: Prisma.Sql[] = [];
  if (f.memberId != null) {
    if (!isUuid(f.memberId)) return null;
    where.push(Prisma.sql`id = ${f.memberId}::uuid`);
  }
  if (f.districtCode) where.push(Prisma.sql`district_code = ${f.districtCode}::char(6)`);
  if (f.gridCode) where.push(Prisma.sql`grid_code = ${f.gridCode}`);
  if (f.teams?.length) where.push(Prisma.sql`team = ANY (${f.teams}::"Team"[])`);
  if (f.statuses?.length) where.push(Prisma.sql`status = ANY (${f.statuses}::"MemberStatus"[])`);
  if (f.informantRole) where.push(Prisma.sql`${f.informantRole}::"InformantRole" = ANY (informant_roles)`);
  if (f.hearingOfficerKind) where.push(Prisma.sql`hearing_officer_kind = ${f.hearingOfficerKind}::"HearingOfficerKind"`);
  // The lower bound lets the name index start at the prefix whatever the database's collation.
  if (f.namePrefix) where.push(Prisma.sql`name >= ${f.namePrefix} AND name LIKE ${escapeLike(f.namePrefix) + '%'}`);
  return where;
}

const whereOf = (where: Prisma.Sql[]) => (where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty);

/** Keyset cursor of the name order: [name, id]. */
function nameCursor(after: string | null | undefined): { name: string; id: string } | null {
  const cursor = decodeCursor(after);
  if (!cursor) return null;
  const [name, id] = cursor;
  if (cursor.length !== 2 || typeof name !== 'string' || typeof id !== 'string' || !isUuid(id)) {
    throw new InvalidInput('after', 'not a cursor returned by this list');
  }
  return { name, id };
}

export function memberRepository(db: GridsDb) {
  /** Rows of `ids` in the order of `ids`. */
  async function inOrder(ids: string[]): Promise<MemberRow[]> {
    if (ids.length === 0) return [];
    const byId = new Map((await db.member.findMany({ where: { id: { in: ids } } })).map((m) => [m.id, m]));
    return ids.map((id) => byId.get(id)).filter((m) => m !== undefined);
  }

  return {
    /** Ids that are not uuids (a foreign subject, a typo) match nothing instead of failing the batch. */
    byIds(ids: readonly string[]) {
      return db.member.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },
    /**
     * First pages of many grids' member lists in two queries (a grid has a handful of members, so
     * reading them all and cutting each list is cheaper than one query per grid).
     */
    async firstPagesByGrid(gridCodes: readonly string[], size: number) {
      const [rows, counts] = await Promise.all([
        db.member.findMany({ where: { gridCode: { in: [...gridCodes] } }, orderBy: [{ gridCode: 'asc' }, { id: 'asc' }] }),
        db.member.groupBy({ by: ['gridCode'], where: { gridCode: { in: [...gridCodes] } }, _count: { _all: true } }),
      ]);
      const total = new Map(counts.map((c) => [c.gridCode, c._count._all]));
      return new Map(
        gridCodes.map((code) => [code, { rows: rows.filter((m) => m.gridCode === code).slice(0, size + 1), total: total.get(code) ?? 0 }]),
      );
    },
    async pageInGrid(gridCode: string, size: number, after: string | null | undefined) {
      const cursor = decodeCursor(after);
      const [rows, total] = await Promise.all([
        db.member.findMany({
          where: { gridCode, ...(cursor ? { id: { gt: String(cursor[0]) } } : {}) },
          orderBy: { id: 'asc' },
          take: size + 1,
        }),
        db.member.count({ where: { gridCode } }),
      ]);
      return { rows, total };
    },

    /** Ordered by name then id, keyset-paginated; fetches size + 1 rows (see toConnection). */
    async page(filter: MemberListFilter, size: number, after: string | null | undefined): Promise<Page<MemberRow>> {
      const cursor = nameCursor(after);
      const where = conditions(filter);
      if (!where) return { rows: [], total: 0 };
      const keyset = cursor ? [...where, Prisma.sql`(name, id) > (${cursor.name}, ${cursor.id}::uuid)`] : where;
      const [ids, [count]] = await Promise.all([
        // Aliased apart from `id` so that the order is the uuid column's, which the index holds.
        db.$queryRaw<{ member_id: string }[]>`SELECT id::text AS member_id FROM member ${whereOf(keyset)} ORDER BY name, id LIMIT ${size + 1}`,
        db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM member ${whereOf(where)}`,
      ]);
      return { rows: await inOrder(ids.map((r) => r.member_id)), total: Number(count?.total ?? 0) };
    },

    /** First pages of several districts' lists with the same filter: one query each for ids, counts and rows. */
    async firstPagesByDistrict(districtCodes: readonly string[], filter: Omit<MemberListFilter, 'districtCode'>, size: number): Promise<Map<string, Page<MemberRow>>> {
      const where = conditions(filter);
      const pages = new Map<string, Page<MemberRow>>(districtCodes.map((c) => [c, { rows: [], total: 0 }]));
      if (!where || districtCodes.length === 0) return pages;
      const codes = [...districtCodes];
      const [ids, counts] = await Promise.all([
        db.$queryRaw<{ district: string; id: string }[]>`
          SELECT d.code::text AS district, m.id::text AS id
          FROM unnest(${codes}::char(6)[]) AS d(code)
          CROSS JOIN LATERAL (
            SELECT id, name FROM member ${whereOf([Prisma.sql`district_code = d.code`, ...where])} ORDER BY name, id LIMIT ${size + 1}
          ) m
          ORDER BY d.code, m.name, m.id`,
        db.$queryRaw<{ district: string; total: bigint }[]>`
          SELECT district_code::text AS district, count(*) AS total FROM member
          ${whereOf([Prisma.sql`district_code = ANY (${codes}::char(6)[])`, ...where])}
          GROUP BY district_code`,
      ]);
      const rows = new Map((await inOrder(ids.map((r) => r.id))).map((m) => [m.id, m]));
      for (const { district, id } of ids) {
        const row = rows.get(id);
        if (row) pages.get(district)?.rows.push(row);
      }
      for (const { district, total } of counts) pages.get(district)!.total = Number(total);
      return pages;
    },

    /** The member, its row locked until the transaction ends: concurrent changes queue. */
    async lockById(tx: Tx, id: string) {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT 1 FROM member WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.member.findUnique({ where: { id } });
    },

    /**
     * A grid as placing a member needs it, share-locked until the transaction ends: retiring the grid
     * (which locks it for update and counts its members) waits, so no member lands in a grid being retired.
     */
    async gridPlacement(tx: Tx, code: string) {
      const rows = await tx.$queryRaw<{ code: string; district_code: string; retired_at: Date | null }[]>`
        SELECT code, district_code, retired_at FROM grid WHERE code = ${code} FOR SHARE`;
      const grid = rows[0];
      return grid ? { code: grid.code, districtCode: grid.district_code, retiredAt: grid.retired_at } : null;
    },

    /**
     * The member already registered with this ID number, by its keyed hash only: the number itself
     * never goes to the database. Rows a previous release wrote in clear get their hash in the
     * encryption pass that runs before the service takes requests.
     */
    async idNumberHolder(tx: Tx, hash: string): Promise<string | null> {
      const holder = await tx.member.findFirst({ where: { idNumberHash: hash }, select: { id: true } });
      return holder?.id ?? null;
    },

    create(tx: Tx, data: Prisma.MemberUncheckedCreateInput) {
      return tx.member.create({ data });
    },

    update(tx: Tx, id: string, data: Prisma.MemberUncheckedUpdateInput) {
      return tx.member.update({ where: { id }, data });
    },
  };
}

/** A member as stored: personal numbers only as ciphertexts (and legacy plaintext until encrypted at start). */
export type MemberRow = Member;
export type MemberRepository = ReturnType<typeof memberRepository>;
