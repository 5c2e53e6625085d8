import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import { districtRepository, type DistrictRow } from './persistence/district.repository';
import { gridRepository, type GridRow } from './persistence/grid.repository';
import { memberRepository, type MemberRow } from './persistence/member.repository';
import { pointsRepository } from './persistence/points.repository';
import type { GridsDb } from './persistence/prisma';

/** Per-request context: the caller, repositories, and loaders that batch by key (no N+1). */
export function createContext(db: GridsDb, identity: Identity, requestId: string) {
  const districts = districtRepository(db);
  const grids = gridRepository(db);
  const members = memberRepository(db);
  const points = pointsRepository(db);
  return {
    identity,
    requestId,
    db,
    repos: { districts, grids, members, points },
    loaders: {
      district: rowLoader(districts.byCodes, (d: DistrictRow) => d.code),
      grid: rowLoader(grids.byCodes, (g: GridRow) => g.code),
      member: rowLoader(members.byIds, (m: MemberRow) => m.id),
      /** First page of a grid's members, keyed by `${gridCode}|${size}`: one batch per nesting level. */
      gridMembers: new DataLoader<string, { rows: MemberRow[]; total: number }>(async (keys) => {
        const bySize = new Map<number, string[]>();
        for (const key of keys) {
          const [code, size] = key.split('|') as [string, string];
          bySize.set(Number(size), [...(bySize.get(Number(size)) ?? []), code]);
        }
        const pages = new Map<string, { rows: MemberRow[]; total: number }>();
        for (const [size, codes] of bySize) {
          for (const [code, page] of await members.firstPagesByGrid(codes, size)) pages.set(`${code}|${size}`, page);
        }
        return keys.map((k) => pages.get(k)!);
      }),
      coverage: new DataLoader<string, number>(async (codes) => {
        const map = await districts.coverage(codes);
        return codes.map((c) => map.get(c) ?? 0);
      }),
      balance: new DataLoader<string, number>(async (ids) => {
        const map = await points.balances(ids);
        return ids.map((id) => map.get(id) ?? 0);
      }),
    },
  };
}

export type GridsContext = ReturnType<typeof createContext>;
