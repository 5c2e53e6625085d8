import type { Identity } from '@pgov/auth';
import { buildEnvelope, memberRegistered, memberRolesChanged, memberStatusChanged, memberUpdated, type MemberSnapshot } from '@pgov/contracts';
import { Conflict, NotFound, parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import type { PersonalDataCipher } from '@pgov/privacy';
import { calendarDate, chinaDate } from '@pgov/reference-data';
import { assertCanChangeMember, assertManagesMembers } from '../domain/member-access';
import { changeMemberStatusInput, informantRoleInput, moveMemberInput, registerMemberInput, updateMemberInput } from '../domain/member-input';
import {
  decideMove,
  decideRegistration,
  decideRoleGrant,
  decideRoleWithdrawal,
  decideStatusChange,
  decideUpdate,
  memberSnapshot,
  type GridPlacement,
  type MemberFacts,
} from '../domain/member-rules';
import { Prisma } from '../generated/prisma/client';
import type { MemberRepository, MemberRow } from '../persistence/member.repository';
import type { GridsDb } from '../persistence/prisma';
import { memberRegisteredEnvelope } from './grids-events';
import { idNumberHash, openPersonalNumbers, sealPersonalNumbers } from './member-personal-data';

type Tx = Prisma.TransactionClient;

export function memberFacts(row: MemberRow): MemberFacts {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    informantRoles: row.informantRoles,
    status: row.status,
    gridCode: row.gridCode,
    districtCode: row.districtCode,
    hearingOfficerKind: row.hearingOfficerKind,
    joinedOn: row.joinedOn.toISOString().slice(0, 10),
  };
}

/** Never says who holds the number: the caller may not see that member at all. */
const duplicateIdNumber = () => new Conflict('a member with this ID number is already registered', { field: 'input.idNumber', reason: 'ALREADY_REGISTERED' });

/** The unique index on the keyed hash settles two registrations of one person racing each other. */
function isIdNumberRace(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Write side of members: each change and the event announcing it in one transaction. Events carry
 * the member's snapshot (where and in which roles), never a name, phone or ID number.
 */
export function memberService(deps: { db: GridsDb; cipher: PersonalDataCipher; members: MemberRepository; clock: () => Date }) {
  const { db, cipher, members, clock } = deps;
  const origin = (time: Date) => ({ source: 'grids', time });
  const envelopeOf = (m: MemberRow) => ({ subject: m.id, district: m.districtCode });
  const snapshotOf = (m: MemberRow): MemberSnapshot => memberSnapshot(memberFacts(m));

  async function placement(tx: Tx, code: string): Promise<GridPlacement | null> {
    const grid = await members.gridPlacement(tx, code);
    return grid && { code: grid.code, districtCode: grid.districtCode, retired: grid.retiredAt !== null };
  }

  async function assertIdNumberFree(tx: Tx, idNumber: string, self: string | null): Promise<void> {
    const holder = await members.idNumberHolder(tx, idNumberHash(cipher, idNumber));
    if (holder && holder !== self) throw duplicateIdNumber();
  }

  /** The member locked for the change, after the caller's right to change it is checked. */
  async function changeable(tx: Tx, identity: Identity, id: string): Promise<MemberRow> {
    const row = await members.lockById(tx, id);
    if (!row) throw new NotFound('Member', id);
    assertCanChangeMember(identity, row);
    return row;
  }

  async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.$transaction(work);
    } catch (error) {
      throw isIdNumberRace(error) ? duplicateIdNumber() : error;
    }
  }

  function announceUpdate(tx: Tx, m: MemberRow, changedFields: string[], previousGridCode: string | null, at: Date) {
    const data = { ...snapshotOf(m), changedFields, previousGridCode, updatedAt: at.toISOString() };
    return enqueueEvent(tx, memberUpdated, buildEnvelope(memberUpdated, { ...envelopeOf(m), data }, origin(at)));
  }

  return {
    /** CITY_ADMIN anywhere, LEADER and CLERK in their district; one member per ID number (CONFLICT). */
    async register(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      assertManagesMembers(identity);
      const input = parseInput(registerMemberInput, rawInput);
      const now = clock();
      return inTransaction(async (tx) => {
        const member = decideRegistration(identity, input, await placement(tx, input.gridCode), chinaDate(now));
        await assertIdNumberFree(tx, member.idNumber, null);
        const { phone, idNumber, joinedOn, ...rest } = member;
        const created = await members.create(tx, { ...rest, joinedOn: calendarDate(joinedOn), ...sealPersonalNumbers(cipher, { phone, idNumber }) });
        await enqueueEvent(tx, memberRegistered, memberRegisteredEnvelope(memberFacts(created), now));
        return created;
      });
    },

    /** Details, team and hearing-officer kind; an update that changes nothing writes and announces nothing. */
    async update(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      assertManagesMembers(identity);
      const input = parseInput(updateMemberInput, rawInput);
      const now = clock();
      return inTransaction(async (tx) => {
        const row = await changeable(tx, identity, input.id);
        const current = openPersonalNumbers(cipher, row);
        const { changes, changedFields } = decideUpdate({ ...memberFacts(row), ...current }, input, chinaDate(now));
        if (changedFields.length === 0) return row;
        if (changes.idNumber) await assertIdNumberFree(tx, changes.idNumber, row.id);
        const { phone, idNumber, joinedOn, ...rest } = changes;
        // A row still holding a previous release's plaintext is sealed whole while it is written anyway.
        const personal = sealPersonalNumbers(cipher, { phone: phone ?? row.phone, idNumber: idNumber ?? row.idNumber });
        const updated = await members.update(tx, row.id, { ...rest, ...(joinedOn ? { joinedOn: calendarDate(joinedOn) } : {}), ...personal });
        await announceUpdate(tx, updated, changedFields, null, now);
        return updated;
      });
    },

    /** ACTIVE ⇄ SUSPENDED, either → RETIRED, with the reason; anything else is a CONFLICT naming the status. */
    async changeStatus(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      assertManagesMembers(identity);
      const input = parseInput(changeMemberStatusInput, rawInput);
      const now = clock();
      return inTransaction(async (tx) => {
        const row = await changeable(tx, identity, input.id);
        const updated = await members.update(tx, row.id, decideStatusChange(memberFacts(row), input));
        const data = { ...snapshotOf(updated), previousStatus: row.status, changedAt: now.toISOString() };
        await enqueueEvent(tx, memberStatusChanged, buildEnvelope(memberStatusChanged, { ...envelopeOf(updated), data }, origin(now)));
        return updated;
      });
    },

    /** To another grid in the caller's jurisdiction (announced as an update with the previous grid). */
    async move(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      assertManagesMembers(identity);
      const input = parseInput(moveMemberInput, rawInput);
      const now = clock();
      return inTransaction(async (tx) => {
        const row = await changeable(tx, identity, input.id);
        const move = decideMove(identity, memberFacts(row), input.gridCode, await placement(tx, input.gridCode));
        if (!move) return row;
        const updated = await members.update(tx, row.id, { gridCode: move.gridCode, districtCode: move.districtCode });
        await announceUpdate(tx, updated, move.changedFields, row.gridCode, now);
        return updated;
      });
    },

    async grantRole(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      return changeRoles(identity, rawInput, decideRoleGrant);
    },

    async withdrawRole(identity: Identity, rawInput: unknown): Promise<MemberRow> {
      return changeRoles(identity, rawInput, decideRoleWithdrawal);
    },
  };

  /** Granting a held role or withdrawing an absent one changes and announces nothing. */
  async function changeRoles(identity: Identity, rawInput: unknown, decide: typeof decideRoleGrant): Promise<MemberRow> {
    assertManagesMembers(identity);
    const input = parseInput(informantRoleInput, rawInput);
    const now = clock();
    return inTransaction(async (tx) => {
      const row = await changeable(tx, identity, input.id);
      const roles = decide(memberFacts(row), input.role);
      if (!roles) return row;
      const updated = await members.update(tx, row.id, { informantRoles: roles });
      const data = { ...snapshotOf(updated), previousInformantRoles: row.informantRoles, changedAt: now.toISOString() };
      await enqueueEvent(tx, memberRolesChanged, buildEnvelope(memberRolesChanged, { ...envelopeOf(updated), data }, origin(now)));
      return updated;
    });
  }
}

export type MemberService = ReturnType<typeof memberService>;
