import type { Identity } from '@pgov/auth';
import { hierarchyChanged, type HierarchyChangedData } from '@pgov/contracts';
import { Conflict, InvalidInput, NotFound } from '@pgov/errors';
import { parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import {
  assertCanManageHierarchy,
  assertCanRetire,
  codeInDistrictProblem,
  createUnitInput,
  decideRename,
  parentOf,
  PARENT_LEVEL,
  renameUnitInput,
  retireUnitInput,
  type NewUnit,
  type Unit,
} from '../domain/hierarchy';
import { parseHierarchyCsv, planImport, referencedCodes } from '../domain/hierarchy-import';
import type { UnitRow } from '../persistence/hierarchy-rows';
import { hierarchyRepository } from '../persistence/hierarchy.repository';
import type { GridsDb } from '../persistence/prisma';
import { hierarchyChangedEnvelope } from './grids-events';

type Tx = Prisma.TransactionClient;

export interface HierarchyImportResult {
  streets: number;
  communities: number;
  grids: number;
  unchanged: number;
}

const importInput = z.object({ csv: z.string().min(1, 'must not be empty').max(20_000_000, 'must be at most 20 MB') });

/** A big file writes one row, one code and one outbox event per unit: give it time. */
function importTimeoutMs(units: number): number {
  return 30_000 + units * 10;
}

/** Announces a change of a unit through the outbox, in the transaction that made it. */
async function announce(tx: Tx, unit: NewUnit, change: HierarchyChangedData['change'], at: Date, previousName: string | null = null) {
  await enqueueEvent(tx, hierarchyChanged, hierarchyChangedEnvelope(unit, change, at, previousName));
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Write side of the hierarchy: each change, and the grids.hierarchy.changed event announcing it,
 * in one transaction. CITY_ADMIN of the city only.
 */
export function hierarchyService(deps: { db: GridsDb; clock: () => Date }) {
  const { db, clock } = deps;
  const units = hierarchyRepository(db);

  async function reread(code: string): Promise<UnitRow> {
    const [row] = await units.byCodes([code]);
    if (!row) throw new NotFound('GovernanceUnit', code);
    return row;
  }

  return {
    async create(identity: Identity, rawInput: unknown): Promise<UnitRow> {
      assertCanManageHierarchy(identity);
      const input = parseInput(createUnitInput, rawInput);
      const at = clock();
      try {
        await db.$transaction(async (tx) => {
          const [parent] = PARENT_LEVEL[input.level] === 'DISTRICT' ? [] : await units.readForChange(tx, [input.parentCode]);
          const found = parentOf(input.level, input.parentCode, parent ?? null);
          if ('problem' in found) throw new InvalidInput('input.parentCode', found.problem);
          const outside = codeInDistrictProblem(input.level, input.code, found.districtCode);
          if (outside) throw new InvalidInput('input.code', outside);
          const unit: NewUnit = { ...input, districtCode: found.districtCode };
          await units.insertOne(tx, unit, parent && parent.level !== 'GRID' ? parent.id : null);
          await announce(tx, unit, 'CREATED', at);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new Conflict(`code ${input.code} is already used by a unit of the hierarchy`, { field: 'input.code', unitCode: input.code });
        throw error;
      }
      return reread(input.code);
    },

    async rename(identity: Identity, rawInput: unknown): Promise<UnitRow> {
      assertCanManageHierarchy(identity);
      const input = parseInput(renameUnitInput, rawInput);
      const at = clock();
      await db.$transaction(async (tx) => {
        const unit = await units.lockForUpdate(tx, input.code);
        if (!unit) throw new NotFound('GovernanceUnit', input.code);
        const name = decideRename(unit, input.name);
        if (name === null) return;
        await units.rename(tx, unit, name);
        await announce(tx, { ...unit, name }, 'RENAMED', at, unit.name);
      });
      return reread(input.code);
    },

    async retire(identity: Identity, rawInput: unknown): Promise<UnitRow> {
      assertCanManageHierarchy(identity);
      const input = parseInput(retireUnitInput, rawInput);
      const at = clock();
      await db.$transaction(async (tx) => {
        const unit = await units.lockForUpdate(tx, input.code);
        if (!unit) throw new NotFound('GovernanceUnit', input.code);
        assertCanRetire(unit, await units.stillServing(tx, unit));
        await units.retire(tx, unit, at, input.reason);
        await announce(tx, unit, 'RETIRED', at);
      });
      return reread(input.code);
    },

    /**
     * Imports a CSV file: all rows checked first (BAD_USER_INPUT on input.csv naming every bad
     * line, nothing written), then every new unit and its event in one transaction. Rows identical
     * to a unit already there count as unchanged, so importing a file twice changes nothing.
     */
    async importCsv(identity: Identity, rawInput: unknown): Promise<HierarchyImportResult> {
      assertCanManageHierarchy(identity);
      const rows = parseHierarchyCsv(parseInput(importInput, rawInput).csv);
      const at = clock();
      return db.$transaction(
        async (tx) => {
          const known = await units.readForChange(tx, referencedCodes(rows));
          const plan = planImport(rows, new Map<string, Unit>(known.map((u) => [u.code, u])));
          const ids = new Map(known.flatMap((u) => (u.level === 'GRID' ? [] : [[u.code, u.id] as const])));
          const taken = await units.insertMany(tx, plan.create, ids);
          if (taken.length > 0) {
            throw new Conflict(`code(s) ${taken.slice(0, 10).join(', ')} were taken while the file was imported; nothing was imported`, { codes: taken });
          }
          for (const unit of plan.create) await announce(tx, unit, 'CREATED', at);
          const count = (level: NewUnit['level']) => plan.create.filter((u) => u.level === level).length;
          return { streets: count('STREET'), communities: count('COMMUNITY'), grids: count('GRID'), unchanged: plan.unchanged };
        },
        { timeout: importTimeoutMs(rows.length) },
      );
    },
  };
}

export type HierarchyService = ReturnType<typeof hierarchyService>;

