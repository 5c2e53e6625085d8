import { residentIdCheckChar } from '@pgov/privacy';
import type { GridsDb } from '../src/persistence/prisma';
import { startGridsHarness, type GridsHarness } from './support/grids-harness';

// The grids harness (support/grids-harness.ts) for the member specs: a small hierarchy in two
// districts (one grid retired) laid down before the service starts.

export { DB } from './support/grids-harness';

export const GRIDS = {
  a1: '610113-M1-C1-01',
  a2: '610113-M1-C1-02',
  retired: '610113-M1-C1-03',
  b1: '610102-M1-C1-01',
} as const;

/** A valid resident ID number from its first 17 characters. */
export const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

let counter = 0;
/** A person no other test uses: a valid ID number and mobile of their own. */
export function person(name: string, over: Record<string, unknown> = {}) {
  counter += 1;
  const day = String((counter % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(counter / 28) % 12) + 1).padStart(2, '0');
  return {
    name,
    team: 'GRID_WORKER',
    gridCode: GRIDS.a1,
    phone: `139${String(10_000_000 + counter * 7919).slice(-8)}`,
    idNumber: residentId(`6101131985${month}${day}${String(100 + counter).slice(-3)}`),
    ...over,
  };
}

async function seedHierarchy(db: GridsDb) {
  for (const district of ['610113', '610102']) {
    const street = await db.street.create({ data: { code: `${district}-M1`, name: '测试街道', districtCode: district } });
    const community = await db.community.create({ data: { code: `${district}-M1-C1`, name: '测试社区', streetId: street.id, districtCode: district } });
    const grids = Object.values(GRIDS).filter((g) => g.startsWith(district));
    await db.grid.createMany({
      data: grids.map((code) => ({ code, name: `网格${code.slice(-2)}`, communityId: community.id, districtCode: district, retiredAt: code === GRIDS.retired ? new Date() : null })),
    });
  }
}

/** Empties the database and lays the hierarchy down; `beforeStart` may add rows a previous release wrote. */
export function startMemberHarness(beforeStart: (db: GridsDb) => Promise<void> = async () => undefined): Promise<MemberHarness> {
  return startGridsHarness({
    extraEnv: { OUTBOX_POLL_MS: '50' },
    beforeStart: async (db) => {
      await seedHierarchy(db);
      await beforeStart(db);
    },
  });
}

export type MemberHarness = GridsHarness;
