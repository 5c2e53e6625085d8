import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import type { AuditLog, PersonalDataCipher } from '@pgov/privacy';
import type { GridsConfig } from './config';
import { hierarchyContext } from './context/hierarchy.context';
import { memberContext } from './context/member.context';
import { pointsContext } from './context/points.context';
import { trainingContext } from './context/training.context';
import { districtRepository, type DistrictRow } from './persistence/district.repository';
import { gridRepository, type GridRow } from './persistence/grid.repository';
import { memberRepository, type MemberRow } from './persistence/member.repository';
import type { GridsDb } from './persistence/prisma';

/** What every request shares: built once per process in service.ts. */
export interface GridsDeps {
  db: GridsDb;
  config: GridsConfig;
  /** Now; tests set it. */
  clock: () => Date;
  /** Encrypts and hashes members' phones and ID numbers (keys from configuration). */
  cipher: PersonalDataCipher;
  /** The hash-chained audit log (reveals, manual points adjustments). */
  audit: AuditLog;
}

/** Who is asking, and where from. */
export interface RequestScope {
  identity: Identity;
  requestId: string;
}

/**
 * Per-request context: the caller, repositories, and loaders that batch by key (no N+1). Each area
 * (hierarchy, members, trainings, points) adds its own services and loaders in ./context/.
 */
export function createContext(deps: GridsDeps, identity: Identity, requestId: string) {
  const { db } = deps;
  const scope: RequestScope = { identity, requestId };
  const districts = districtRepository(db);
  const grids = gridRepository(db);
  const members = memberRepository(db);
  return {
    identity,
    requestId,
    db,
    deps,
    repos: { districts, grids, members },
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
    },
    hierarchy: hierarchyContext(deps, scope),
    members: memberContext(deps, scope),
    trainings: trainingContext(deps, scope),
    points: pointsContext(deps, scope),
  };
}

export type GridsContext = ReturnType<typeof createContext>;
