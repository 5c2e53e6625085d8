import { randomBytes } from 'node:crypto';
import { isUuid } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { NewPanelist, SeatedOfficer } from '../domain/hearing-panel';
import type { HearingChange } from '../domain/hearing-transition';
import type { HearingRow } from './hearing.repository';

type Tx = Prisma.TransactionClient;

/**
 * An RFC 9562 UUIDv7 whose order within one panel is the panel's: the millisecond, then the
 * position as the 12-bit counter, then random bits. Sorting a panel by id gives it back as given.
 */
export function panelistId(position: number, ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes.writeUInt16BE(0x7000 | (position & 0x0fff), 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface NewHearing {
  petitionId: string;
  districtCode: string;
  subject: string;
  scheduledFor: Date;
  venue: string;
  createdBy: string;
  createdAt: Date;
}

/** Write side of hearings: the row locks that serialise changes, and the writes, in the caller's transaction. */
export function hearingWriteRepository() {
  return {
    /**
     * Locks the petition's row until the transaction ends, then reads what scheduling needs.
     * Concurrent schedulings of one petition queue here, so the second sees the first's panel.
     */
    async lockPetition(tx: Tx, id: string) {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT id FROM petition WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.petition.findUnique({
        where: { id },
        // petitionerIdNumber: a first-release row not yet encrypted still holds the number in clear.
        select: { id: true, districtCode: true, status: true, petitionerMemberId: true, petitionerIdNumberHash: true, petitionerIdNumber: true },
      });
    },

    /** Which of these officers already sit on a hearing of the petition that was not cancelled. */
    seatedOfficers(tx: Tx, petitionId: string, officerKeys: readonly string[]): Promise<SeatedOfficer[]> {
      return tx.hearingPanelist.findMany({
        where: { petitionId, officerKey: { in: [...officerKeys] }, hearing: { status: { not: 'CANCELLED' } } },
        select: { officerKey: true, hearingId: true },
      });
    },

    create(tx: Tx, hearing: NewHearing, panel: readonly NewPanelist[]): Promise<HearingRow> {
      const ms = hearing.createdAt.getTime();
      return tx.hearing.create({
        data: { ...hearing, panelists: { create: panel.map((p, i) => ({ id: panelistId(i, ms), petitionId: hearing.petitionId, ...p })) } },
      });
    },

    /** Locks the hearing's row, then reads it with its panel's opinions: concurrent changes of one hearing queue. */
    async lockHearing(tx: Tx, id: string) {
      if (!isUuid(id)) return null;
      await tx.$queryRaw`SELECT id FROM hearing WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.hearing.findUnique({ where: { id }, include: { panelists: { select: { id: true, opinion: true } } } });
    },

    /** Writes the decided change on the locked hearing; answers the hearing as it now is. */
    async apply(tx: Tx, hearing: HearingRow, change: HearingChange): Promise<HearingRow> {
      if (change.action === 'RECORD_OPINION') {
        const { panelistId, ...opinion } = change.opinion;
        await tx.hearingPanelist.update({ where: { id: panelistId }, data: opinion });
        return hearing;
      }
      return tx.hearing.update({ where: { id: hearing.id }, data: change.hearing });
    },
  };
}

export type HearingWriteRepository = ReturnType<typeof hearingWriteRepository>;
