/**
 * How a unit of each level is read: one column list for the three levels (so a UNION over them
 * works and one mapper serves all), the tables it comes from, and the columns lists filter on.
 */
import { Prisma } from '../generated/prisma/client';
import type { Unit, UnitLevel } from '../domain/hierarchy';

export interface StreetRow extends Unit {
  level: 'STREET';
  id: string;
}

export interface CommunityRow extends Unit {
  level: 'COMMUNITY';
  id: string;
  streetName: string;
}

export interface GridRow extends Unit {
  level: 'GRID';
  /** Names of the community and street above it (Grid.community, Grid.street). */
  communityName: string;
  streetName: string;
}

export type UnitRow = StreetRow | CommunityRow | GridRow;
export type RowOf<L extends UnitLevel> = Extract<UnitRow, { level: L }>;

/** The columns every level's SELECT yields, in this order. */
export interface RawUnit {
  level: UnitLevel;
  id: string | null;
  code: string;
  name: string;
  district_code: string;
  parent_code: string;
  retired_at: Date | null;
  retired_reason: string | null;
  street_name: string | null;
  community_name: string | null;
}

export interface LevelSql {
  /** `SELECT <columns>` of RawUnit. */
  columns: Prisma.Sql;
  /** `FROM` with the joins the columns need. */
  from: Prisma.Sql;
  /** The unit's own table alias (row locks: `FOR UPDATE OF <alias>`). */
  alias: Prisma.Sql;
  code: Prisma.Sql;
  district: Prisma.Sql;
  parent: Prisma.Sql;
  retiredAt: Prisma.Sql;
}

export const LEVEL_SQL: Record<UnitLevel, LevelSql> = {
  STREET: {
    columns: Prisma.sql`SELECT 'STREET'::text AS level, s.id::text AS id, s.code, s.name, s.district_code::text AS district_code,
      s.district_code::text AS parent_code, s.retired_at, s.retired_reason, NULL::text AS street_name, NULL::text AS community_name`,
    from: Prisma.sql`FROM street s`,
    alias: Prisma.raw('s'),
    code: Prisma.raw('s.code'),
    district: Prisma.raw('s.district_code'),
    parent: Prisma.raw('s.district_code'),
    retiredAt: Prisma.raw('s.retired_at'),
  },
  COMMUNITY: {
    columns: Prisma.sql`SELECT 'COMMUNITY'::text AS level, c.id::text AS id, c.code, c.name, c.district_code::text AS district_code,
      s.code AS parent_code, c.retired_at, c.retired_reason, s.name AS street_name, NULL::text AS community_name`,
    from: Prisma.sql`FROM community c JOIN street s ON s.id = c.street_id`,
    alias: Prisma.raw('c'),
    code: Prisma.raw('c.code'),
    district: Prisma.raw('c.district_code'),
    parent: Prisma.raw('s.code'),
    retiredAt: Prisma.raw('c.retired_at'),
  },
  GRID: {
    columns: Prisma.sql`SELECT 'GRID'::text AS level, NULL::text AS id, g.code, g.name, g.district_code::text AS district_code,
      c.code AS parent_code, g.retired_at, g.retired_reason, s.name AS street_name, c.name AS community_name`,
    from: Prisma.sql`FROM grid g JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id`,
    alias: Prisma.raw('g'),
    code: Prisma.raw('g.code'),
    district: Prisma.raw('g.district_code'),
    parent: Prisma.raw('c.code'),
    retiredAt: Prisma.raw('g.retired_at'),
  },
};

/** Grids without an ACTIVE information officer (the coverage rule's complement). */
export const UNCOVERED_GRID = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM member m
  WHERE m.grid_code = g.code AND m.status = 'ACTIVE' AND 'INFORMATION_OFFICER' = ANY (m.informant_roles))`;

export function toUnitRow(raw: RawUnit): UnitRow {
  const unit = { code: raw.code, name: raw.name, districtCode: raw.district_code, parentCode: raw.parent_code, retiredAt: raw.retired_at, retiredReason: raw.retired_reason };
  switch (raw.level) {
    case 'STREET':
      return { ...unit, level: 'STREET', id: raw.id! };
    case 'COMMUNITY':
      return { ...unit, level: 'COMMUNITY', id: raw.id!, streetName: raw.street_name! };
    case 'GRID':
      return { ...unit, level: 'GRID', communityName: raw.community_name!, streetName: raw.street_name! };
  }
}
