import { randomUUID } from 'node:crypto';
import { InvalidInput } from '@pgov/errors';
import { decodeCursor } from '@pgov/graphql-kit';
import { Prisma } from '../generated/prisma/client';
import type { NewUnit, StillServing, Unit, UnitLevel } from '../domain/hierarchy';
import { LEVEL_SQL, toUnitRow, UNCOVERED_GRID, type RawUnit, type RowOf, type UnitRow } from './hierarchy-rows';
import type { GridsDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** What a list of units is narrowed to. */
export interface UnitListFilter {
  level: UnitLevel;
  /** Only this district's units; absent: every district (the city). */
  districtCode?: string;
  /** Only the children of this unit (a street's parent: its district code). */
  parentCode?: string;
  includeRetired: boolean;
  /** Grids without an ACTIVE information officer; retired grids are never counted. */
  uncoveredOnly?: boolean;
}

export interface UnitPage<R> {
  /** Up to size + 1 rows (toConnection uses the extra one). */
  rows: R[];
  total: number;
}

/** Large IN lists are split: one statement carries at most this many codes. */
const CODES_PER_STATEMENT = 5_000;
const ROWS_PER_INSERT = 1_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function conditions(filter: UnitListFilter): Prisma.Sql {
  const sql = LEVEL_SQL[filter.level];
  const where: Prisma.Sql[] = [];
  if (filter.districtCode !== undefined) where.push(Prisma.sql`${sql.district} = ${filter.districtCode}`);
  if (filter.parentCode !== undefined) where.push(Prisma.sql`${sql.parent} = ${filter.parentCode}`);
  if (!filter.includeRetired || filter.uncoveredOnly) where.push(Prisma.sql`${sql.retiredAt} IS NULL`);
  if (filter.uncoveredOnly && filter.level === 'GRID') where.push(UNCOVERED_GRID);
  return where.length > 0 ? Prisma.join(where, ' AND ') : Prisma.sql`TRUE`;
}

/** Reads and writes of the hierarchy's three tables (street, community, grid) and unit_code. */
export function hierarchyRepository(db: GridsDb) {
  async function byCodesAt<L extends UnitLevel>(client: GridsDb | Tx, level: L, codes: readonly string[]): Promise<RowOf<L>[]> {
    const sql = LEVEL_SQL[level];
    const rows: RowOf<L>[] = [];
    for (const part of chunks(codes, CODES_PER_STATEMENT)) {
      const raw = await client.$queryRaw<RawUnit[]>`${sql.columns} ${sql.from} WHERE ${sql.code} = ANY(${part})`;
      rows.push(...(raw.map(toUnitRow) as RowOf<L>[]));
    }
    return rows;
  }

  /** Units of any level by code, in one statement per few thousand codes. */
  async function byCodes(client: GridsDb | Tx, codes: readonly string[]): Promise<UnitRow[]> {
    const rows: UnitRow[] = [];
    for (const part of chunks([...new Set(codes)], CODES_PER_STATEMENT)) {
      const selects = Object.values(LEVEL_SQL).map((sql) => Prisma.sql`${sql.columns} ${sql.from} WHERE ${sql.code} = ANY(${part})`);
      const raw = await client.$queryRaw<RawUnit[]>`${Prisma.join(selects, ' UNION ALL ')}`;
      rows.push(...raw.map(toUnitRow));
    }
    return rows;
  }

  return {
    byCodes: (codes: readonly string[]) => byCodes(db, codes),
    byCodesAt: <L extends UnitLevel>(level: L, codes: readonly string[]) => byCodesAt(db, level, codes),

    /** Keyset page ordered by code, with the count of the whole list. */
    async page<L extends UnitLevel>(filter: UnitListFilter & { level: L }, size: number, after: string | null | undefined): Promise<UnitPage<RowOf<L>>> {
      const sql = LEVEL_SQL[filter.level];
      const cursor = decodeCursor(after);
      if (cursor && (cursor.length !== 1 || typeof cursor[0] !== 'string')) throw new InvalidInput('after', 'not a cursor returned by this list');
      const afterCode = cursor ? Prisma.sql`AND ${sql.code} > ${cursor[0]}` : Prisma.empty;
      const [raw, count] = await Promise.all([
        db.$queryRaw<RawUnit[]>`${sql.columns} ${sql.from} WHERE ${conditions(filter)} ${afterCode} ORDER BY ${sql.code} LIMIT ${size + 1}`,
        db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total ${sql.from} WHERE ${conditions(filter)}`,
      ]);
      return { rows: raw.map(toUnitRow) as RowOf<L>[], total: Number(count[0]?.total ?? 0) };
    },

    /**
     * First pages of many lists at once — the children of many parents, or the units of many
     * districts — with each list's count, in one statement (no query per parent).
     */
    async firstPages<L extends UnitLevel>(
      filter: UnitListFilter & { level: L },
      by: 'district' | 'parent',
      keys: readonly string[],
      size: number,
    ): Promise<Map<string, UnitPage<RowOf<L>>>> {
      const sql = LEVEL_SQL[filter.level];
      const part = by === 'district' ? sql.district : sql.parent;
      const raw = await db.$queryRaw<(RawUnit & { part: string; total: bigint })[]>`
        SELECT * FROM (
          ${sql.columns}, ${part}::text AS part,
            row_number() OVER (PARTITION BY ${part} ORDER BY ${sql.code}) AS rn,
            count(*) OVER (PARTITION BY ${part}) AS total
          ${sql.from}
          WHERE ${part} = ANY(${[...keys]}) AND ${conditions(filter)}
        ) x
        WHERE x.rn <= ${size + 1}
        ORDER BY x.part, x.code`;
      const pages = new Map<string, UnitPage<RowOf<L>>>(keys.map((k) => [k, { rows: [], total: 0 }]));
      for (const r of raw) {
        const page = pages.get(r.part)!;
        page.rows.push(toUnitRow(r) as RowOf<L>);
        page.total = Number(r.total);
      }
      return pages;
    },

    /**
     * Reads units by code for a change, first locking the streets and communities among them
     * (FOR SHARE): a parent cannot be retired while children are being added under it, since
     * retiring takes FOR UPDATE on the same row.
     */
    async readForChange(tx: Tx, codes: readonly string[]): Promise<UnitRow[]> {
      for (const part of chunks([...new Set(codes)], CODES_PER_STATEMENT)) {
        await tx.$queryRaw`SELECT 1 FROM street WHERE code = ANY(${part}) FOR SHARE`;
        await tx.$queryRaw`SELECT 1 FROM community WHERE code = ANY(${part}) FOR SHARE`;
      }
      return byCodes(tx, codes);
    },

    /** The unit, locked (FOR UPDATE) until the transaction ends; null when there is none. */
    async lockForUpdate(tx: Tx, code: string): Promise<UnitRow | null> {
      const [found] = await byCodes(tx, [code]);
      if (!found) return null;
      const sql = LEVEL_SQL[found.level];
      const raw = await tx.$queryRaw<RawUnit[]>`${sql.columns} ${sql.from} WHERE ${sql.code} = ${code} FOR UPDATE OF ${sql.alias}`;
      return raw[0] ? toUnitRow(raw[0]) : null;
    },

    /** Units of the next level in service under it; for a grid, its ACTIVE or SUSPENDED members. */
    async stillServing(tx: Tx, unit: Unit): Promise<StillServing> {
      const count = async (query: Promise<{ n: bigint }[]>) => Number((await query)[0]?.n ?? 0);
      switch (unit.level) {
        case 'STREET':
          return {
            children: await count(tx.$queryRaw`SELECT count(*) AS n FROM community c JOIN street s ON s.id = c.street_id WHERE s.code = ${unit.code} AND c.retired_at IS NULL`),
            members: 0,
          };
        case 'COMMUNITY':
          return {
            children: await count(tx.$queryRaw`SELECT count(*) AS n FROM grid g JOIN community c ON c.id = g.community_id WHERE c.code = ${unit.code} AND g.retired_at IS NULL`),
            members: 0,
          };
        case 'GRID':
          return {
            children: 0,
            members: await count(tx.$queryRaw`SELECT count(*) AS n FROM member WHERE grid_code = ${unit.code} AND status IN ('ACTIVE', 'SUSPENDED')`),
          };
      }
    },

    /**
     * Creates one unit under the parent with id `parentId` (none for a street). Its code goes to
     * unit_code first: a code taken at any level fails there (P2002).
     */
    async insertOne(tx: Tx, unit: NewUnit, parentId: string | null): Promise<void> {
      await tx.unitCode.create({ data: { code: unit.code, level: unit.level } });
      await insertRows(tx, [unit], (code) => (code === unit.parentCode ? parentId : null));
    },

    /**
     * Creates units in bulk (streets, then communities, then grids). `idOf` gives the ids of
     * parents already in the database. Answers the codes another transaction took meanwhile
     * (none: all created); the caller then rolls back.
     */
    async insertMany(tx: Tx, units: readonly NewUnit[], known: ReadonlyMap<string, string>): Promise<string[]> {
      const taken: string[] = [];
      for (const part of chunks(units, CODES_PER_STATEMENT)) {
        const claimed = await tx.$queryRaw<{ code: string }[]>`
          INSERT INTO unit_code (code, level)
          SELECT * FROM unnest(${part.map((u) => u.code)}::text[], ${part.map((u) => u.level)}::"UnitLevel"[])
          ON CONFLICT (code) DO NOTHING RETURNING code`;
        const got = new Set(claimed.map((c) => c.code));
        taken.push(...part.filter((u) => !got.has(u.code)).map((u) => u.code));
      }
      if (taken.length > 0) return taken;
      await insertRows(tx, units, (code) => known.get(code) ?? null);
      return [];
    },

    async rename(tx: Tx, unit: Unit, name: string): Promise<void> {
      const where = { code: unit.code };
      if (unit.level === 'STREET') await tx.street.update({ where, data: { name } });
      else if (unit.level === 'COMMUNITY') await tx.community.update({ where, data: { name } });
      else await tx.grid.update({ where, data: { name } });
    },

    async retire(tx: Tx, unit: Unit, at: Date, reason: string): Promise<void> {
      const where = { code: unit.code };
      const data = { retiredAt: at, retiredReason: reason };
      if (unit.level === 'STREET') await tx.street.update({ where, data });
      else if (unit.level === 'COMMUNITY') await tx.community.update({ where, data });
      else await tx.grid.update({ where, data });
    },
  };
}

/** Inserts the rows level by level, so every parent exists before its children. */
async function insertRows(tx: Tx, units: readonly NewUnit[], parentIdOf: (code: string) => string | null): Promise<void> {
  const ids = new Map<string, string>();
  const parentId = (u: NewUnit) => {
    const id = ids.get(u.parentCode) ?? parentIdOf(u.parentCode);
    if (!id) throw new Error(`no id for parent ${u.parentCode} of ${u.code}`);
    return id;
  };
  const streets = units.filter((u) => u.level === 'STREET').map((u) => ({ id: randomUUID(), code: u.code, name: u.name, districtCode: u.districtCode }));
  for (const s of streets) ids.set(s.code, s.id);
  for (const part of chunks(streets, ROWS_PER_INSERT)) await tx.street.createMany({ data: part });

  const communities = units
    .filter((u) => u.level === 'COMMUNITY')
    .map((u) => ({ id: randomUUID(), code: u.code, name: u.name, districtCode: u.districtCode, streetId: parentId(u) }));
  for (const c of communities) ids.set(c.code, c.id);
  for (const part of chunks(communities, ROWS_PER_INSERT)) await tx.community.createMany({ data: part });

  const grids = units.filter((u) => u.level === 'GRID').map((u) => ({ code: u.code, name: u.name, districtCode: u.districtCode, communityId: parentId(u) }));
  for (const part of chunks(grids, ROWS_PER_INSERT)) await tx.grid.createMany({ data: part });
}

export type HierarchyRepository = ReturnType<typeof hierarchyRepository>;
