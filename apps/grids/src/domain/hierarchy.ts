/**
 * The governance hierarchy (三级综治中心): district → street/town → community/village → grid.
 * Rules only, no I/O: who may change it, what a code and a name look like, which parent a unit
 * needs, and when a unit may be renamed or retired.
 */
import { z } from 'zod';
import { hasRole, isCityWide, Role, type Identity } from '@pgov/auth';
import { Conflict, Forbidden } from '@pgov/errors';
import { isDistrictOfCity } from '@pgov/reference-data';
import { UNIT_LEVELS } from '@pgov/contracts';

export { UNIT_LEVELS };
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** A unit as the rules see it; a street's parentCode is its district's code. */
export interface Unit {
  level: UnitLevel;
  code: string;
  name: string;
  parentCode: string;
  districtCode: string;
  retiredAt: Date | null;
  /** Why it was retired (given with the retirement). */
  retiredReason: string | null;
}

/** A unit about to be created. */
export type NewUnit = Omit<Unit, 'retiredAt' | 'retiredReason'>;

const UNIT_CODE_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
/** The event contract allows 100 characters. */
const MAX_NAME_LENGTH = 100;

export const PARENT_LEVEL: Record<UnitLevel, 'DISTRICT' | UnitLevel> = { STREET: 'DISTRICT', COMMUNITY: 'STREET', GRID: 'COMMUNITY' };
const CHILD_LEVEL: Record<UnitLevel, UnitLevel | null> = { STREET: 'COMMUNITY', COMMUNITY: 'GRID', GRID: null };
const LEVEL_NAME: Record<'DISTRICT' | UnitLevel, string> = { DISTRICT: 'district', STREET: 'street', COMMUNITY: 'community', GRID: 'grid' };

export function levelName(level: 'DISTRICT' | UnitLevel): string {
  return LEVEL_NAME[level];
}

function childLevel(level: UnitLevel): UnitLevel | null {
  return CHILD_LEVEL[level];
}

/** Only the city's administrators shape the hierarchy. */
function canManageHierarchy(identity: Identity): boolean {
  return hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity);
}

export function assertCanManageHierarchy(identity: Identity): void {
  if (!canManageHierarchy(identity)) throw new Forbidden('only a CITY_ADMIN of the city (610100) changes the governance hierarchy');
}

/** Why `code` cannot be a unit code, or null. */
export function codeProblem(code: string): string | null {
  return UNIT_CODE_PATTERN.test(code) ? null : 'must be 1 to 64 letters, digits or -';
}

/** Why `name` (already trimmed) cannot be a unit name, or null. */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must be one line of text';
  return null;
}

const code = z.string().refine((c) => codeProblem(c) === null, 'must be 1 to 64 letters, digits or -');
const name = z
  .string()
  .transform((s) => s.trim())
  .superRefine((n, ctx) => {
    const problem = nameProblem(n);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const createUnitInput = z.object({ level: z.enum(UNIT_LEVELS), code, name, parentCode: code });
export const renameUnitInput = z.object({ code, name });
export const retireUnitInput = z.object({
  code,
  reason: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters')),
});

export type CreateUnitInput = z.infer<typeof createUnitInput>;

/** What a new unit's parent is: the district itself for a street, else the unit found (null: none). */
export type ParentLookup = Pick<Unit, 'level' | 'code' | 'districtCode' | 'retiredAt'> | null;

/**
 * Checks the parent a new unit names and derives the unit's district from it. Returns the district
 * code, or the reason the parent will not do.
 */
export function parentOf(level: UnitLevel, parentCode: string, parent: ParentLookup): { districtCode: string } | { problem: string } {
  const wanted = PARENT_LEVEL[level];
  if (wanted === 'DISTRICT') {
    return isDistrictOfCity(parentCode) ? { districtCode: parentCode } : { problem: `parent ${parentCode} is not one of the 13 district codes of the city` };
  }
  if (!parent) return { problem: `parent ${parentCode} is not a known ${levelName(wanted)}` };
  if (parent.level !== wanted) return { problem: `parent ${parentCode} is a ${levelName(parent.level)}, not a ${levelName(wanted)}` };
  if (parent.retiredAt) return { problem: `parent ${parentCode} is retired` };
  return { districtCode: parent.districtCode };
}

/**
 * A grid's code begins with its district's code (the data model's rule, and what the clues
 * service checks a reported grid against). Null when the code fits.
 */
export function codeInDistrictProblem(level: UnitLevel, code: string, districtCode: string): string | null {
  return level === 'GRID' && !code.startsWith(districtCode) ? `a grid code must begin with its district code ${districtCode}` : null;
}

/** The name a unit gets, or null when it already has it (nothing to change, nothing to announce). */
export function decideRename(unit: Unit, newName: string): string | null {
  if (unit.retiredAt) throw new Conflict(`${levelName(unit.level)} ${unit.code} is retired and cannot be renamed`, { unitCode: unit.code });
  return unit.name === newName ? null : newName;
}

/** What still serves under a unit: units of the next level, and (grids) ACTIVE or SUSPENDED members. */
export interface StillServing {
  children: number;
  members: number;
}

/** Refuses (CONFLICT) to retire a retired unit or one that something still serves under. */
export function assertCanRetire(unit: Unit, serving: StillServing): void {
  const what = `${levelName(unit.level)} ${unit.code}`;
  if (unit.retiredAt) throw new Conflict(`${what} is already retired`, { unitCode: unit.code });
  const child = childLevel(unit.level);
  if (child && serving.children > 0) {
    throw new Conflict(`${what} still has ${serving.children} ${levelName(child)}(s) in service; retire them first`, { unitCode: unit.code });
  }
  if (serving.members > 0) {
    throw new Conflict(`${what} still has ${serving.members} ACTIVE or SUSPENDED member(s); move or retire them first`, { unitCode: unit.code });
  }
}
