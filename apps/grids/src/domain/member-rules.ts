import type { Identity } from '@pgov/auth';
import type { HearingOfficerKind, InformantRole, MemberSnapshot, MemberStatus, MemberTeam } from '@pgov/contracts';
import { Conflict, InvalidInput, NotFound } from '@pgov/errors';
import type { ChangeMemberStatusInput, RegisterMemberInput, UpdateMemberInput } from './member-input';
import { assertManagesMembers, canManageMembersOf } from './member-access';
import { assertNotRetired, assertStatusChange } from './member-status';

/**
 * The rules of registering and changing members (三支队伍): teams, informant roles, hearing-officer
 * kinds, moves between grids. No I/O: the service reads, decides here, then writes and announces.
 */

/** A stored member as the rules see it; `joinedOn` is YYYY-MM-DD. */
export interface MemberFacts {
  id: string;
  name: string;
  team: MemberTeam;
  informantRoles: InformantRole[];
  status: MemberStatus;
  gridCode: string;
  districtCode: string;
  hearingOfficerKind: HearingOfficerKind | null;
  joinedOn: string;
}

/** The personal numbers in clear, decrypted by the service only to compare and re-encrypt. */
export interface PersonalNumbers {
  phone: string | null;
  idNumber: string | null;
}

/** A grid a member is placed in. */
export interface GridPlacement {
  code: string;
  districtCode: string;
  retired: boolean;
}

export type NewMember = Omit<MemberFacts, 'id' | 'status'> & { phone: string; idNumber: string };

/** Fields an update may change, by the names events and clients use. */
export type MemberChanges = Partial<Pick<MemberFacts, 'name' | 'joinedOn' | 'team' | 'hearingOfficerKind'> & { phone: string; idNumber: string }>;

/**
 * A grid the caller may place members in; another district's grid answers as if it did not exist.
 * A retired grid takes no members.
 */
function placementGrid(identity: Identity, code: string, grid: GridPlacement | null): GridPlacement {
  if (!grid || !canManageMembersOf(identity, grid.districtCode)) throw new NotFound('Grid', code);
  if (grid.retired) throw new InvalidInput('input.gridCode', 'the grid is retired and takes no members');
  return grid;
}

function joinedOnProblem(joinedOn: string, today: string): void {
  if (joinedOn > today) throw new InvalidInput('input.joinedOn', `must not be after today (${today})`);
}

/** `today` is the date in China. */
export function decideRegistration(identity: Identity, input: RegisterMemberInput, grid: GridPlacement | null, today: string): NewMember {
  assertManagesMembers(identity);
  const placed = placementGrid(identity, input.gridCode, grid);
  const joinedOn = input.joinedOn ?? today;
  joinedOnProblem(joinedOn, today);
  return {
    name: input.name,
    team: input.team,
    informantRoles: input.informantRoles,
    hearingOfficerKind: input.hearingOfficerKind ?? null,
    gridCode: placed.code,
    districtCode: placed.districtCode,
    joinedOn,
    phone: input.phone,
    idNumber: input.idNumber,
  };
}

/**
 * What an update changes (only fields whose value differs) and their names for the event. The team
 * decides the hearing-officer kind: required for HEARING_OFFICER, cleared for any other team. A grid
 * worker holding informant roles keeps the team until the roles are withdrawn (an explicit,
 * announced step, since coverage depends on it).
 */
export function decideUpdate(
  current: MemberFacts & PersonalNumbers,
  input: UpdateMemberInput,
  today: string,
): { changes: MemberChanges; changedFields: (keyof MemberChanges)[] } {
  assertNotRetired(current.status);
  const { id: _, ...given } = input;
  if (Object.values(given).every((v) => v === null || v === undefined)) throw new InvalidInput('input', 'name at least one field to change');
  if (input.joinedOn) joinedOnProblem(input.joinedOn, today);

  const team = input.team ?? current.team;
  if (team !== current.team && current.informantRoles.length > 0) {
    throw new Conflict(`withdraw the member’s informant roles (${current.informantRoles.join(', ')}) before changing the team`, { team: current.team });
  }
  let kind: HearingOfficerKind | null = null;
  if (team === 'HEARING_OFFICER') {
    kind = input.hearingOfficerKind ?? current.hearingOfficerKind;
    if (!kind) throw new InvalidInput('input.hearingOfficerKind', 'is required for team HEARING_OFFICER');
  } else if (input.hearingOfficerKind) {
    throw new InvalidInput('input.hearingOfficerKind', 'is only for team HEARING_OFFICER');
  }

  const wanted: MemberChanges = {
    name: input.name ?? current.name,
    phone: input.phone ?? current.phone ?? undefined,
    idNumber: input.idNumber ?? current.idNumber ?? undefined,
    joinedOn: input.joinedOn ?? current.joinedOn,
    team,
    hearingOfficerKind: kind,
  };
  const changes: MemberChanges = {};
  const changedFields: (keyof MemberChanges)[] = [];
  for (const field of ['name', 'phone', 'idNumber', 'joinedOn', 'team', 'hearingOfficerKind'] as const) {
    if (wanted[field] !== undefined && wanted[field] !== current[field]) {
      Object.assign(changes, { [field]: wanted[field] });
      changedFields.push(field);
    }
  }
  return { changes, changedFields };
}

export function decideStatusChange(current: MemberFacts, input: ChangeMemberStatusInput): { status: MemberStatus; statusReason: string } {
  assertStatusChange(current.status, input.status);
  return { status: input.status, statusReason: input.reason };
}

/**
 * A move to another grid the caller manages (a district's staff: within their district); the
 * district follows the grid. Moving to the member's own grid changes nothing (null).
 */
export function decideMove(
  identity: Identity,
  current: MemberFacts,
  gridCode: string,
  grid: GridPlacement | null,
): { gridCode: string; districtCode: string; changedFields: string[] } | null {
  assertNotRetired(current.status);
  const target = placementGrid(identity, gridCode, grid);
  if (target.code === current.gridCode) return null;
  const changedFields = target.districtCode === current.districtCode ? ['gridCode'] : ['gridCode', 'districtCode'];
  return { gridCode: target.code, districtCode: target.districtCode, changedFields };
}

/**
 * Granting a role the member holds, or withdrawing one they do not, changes nothing and answers the
 * member as it is (null here): the calls are idempotent, so a retried request is harmless.
 */
export function decideRoleGrant(current: MemberFacts, role: InformantRole): InformantRole[] | null {
  assertNotRetired(current.status);
  if (current.team !== 'GRID_WORKER') throw new Conflict(`only grid workers hold informant roles; this member’s team is ${current.team}`, { team: current.team });
  return current.informantRoles.includes(role) ? null : [...current.informantRoles, role];
}

export function decideRoleWithdrawal(current: MemberFacts, role: InformantRole): InformantRole[] | null {
  assertNotRetired(current.status);
  return current.informantRoles.includes(role) ? current.informantRoles.filter((r) => r !== role) : null;
}

/** What member events say of a member: never the name, phone or ID number. */
export function memberSnapshot(m: MemberFacts): MemberSnapshot {
  return {
    memberId: m.id,
    districtCode: m.districtCode,
    gridCode: m.gridCode,
    team: m.team,
    informantRoles: m.informantRoles,
    status: m.status,
    hearingOfficerKind: m.hearingOfficerKind,
  };
}
