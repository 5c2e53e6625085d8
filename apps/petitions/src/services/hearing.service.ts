import type { Identity } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import { assertPanelMaySit, sealPanel, type PanelBounds, type PetitionerIdentity } from '../domain/hearing-panel';
import { assertMayScheduleHearings, assertPetitionMayHaveHearing, hearingTime, scheduleHearingInput } from '../domain/hearing-schedule';
import type { HearingAction } from '../domain/hearing-states';
import { decideHearingChange, hearingInputs, type HearingRequest } from '../domain/hearing-transition';
import type { HearingRow } from '../persistence/hearing.repository';
import type { HearingWriteRepository } from '../persistence/hearing-write.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { enqueueHearingChanged, enqueueHearingScheduled } from './hearing-events';

export interface HearingServiceDeps {
  db: PetitionsDb;
  writes: HearingWriteRepository;
  clock: () => Date;
  bounds: PanelBounds;
  /** The keyed hash of a resident ID number, the same one the petitioner's number is stored under. */
  hashIdNumber: (idNumber: string) => string;
}

/** The petitioner as the conflict rule compares them; a first-release row may hold the number in clear still. */
function petitionerOf(
  petition: { petitionerMemberId: string | null; petitionerIdNumberHash: string | null; petitionerIdNumber: string | null },
  hashIdNumber: (idNumber: string) => string,
): PetitionerIdentity {
  const hashes = [petition.petitionerIdNumberHash, petition.petitionerIdNumber ? hashIdNumber(petition.petitionerIdNumber) : null];
  return { memberId: petition.petitionerMemberId, idNumberHashes: hashes.filter((h): h is string => h !== null) };
}

/**
 * Write side of public hearings. Each change runs in one transaction that locks the row it
 * depends on (the petition when scheduling, the hearing otherwise), decides, writes, and enqueues
 * its event: concurrent changes queue, and a refused one writes nothing.
 */
export function hearingService({ db, writes, clock, bounds, hashIdNumber }: HearingServiceDeps) {
  return {
    async schedule(identity: Identity, rawInput: unknown): Promise<HearingRow> {
      assertMayScheduleHearings(identity);
      const input = parseInput(scheduleHearingInput(bounds), rawInput);
      const scheduledFor = hearingTime(input, clock());
      // The external officers' ID numbers go no further than this line: only their keyed hashes are kept.
      const panel = sealPanel(input.panel, hashIdNumber);
      return db.$transaction(async (tx) => {
        const petition = assertPetitionMayHaveHearing(identity, await writes.lockPetition(tx, input.petitionId), input.petitionId);
        const seated = await writes.seatedOfficers(tx, petition.id, panel.map((p) => p.officerKey));
        assertPanelMaySit(panel, petitionerOf(petition, hashIdNumber), seated);
        const hearing = await writes.create(
          tx,
          { petitionId: petition.id, districtCode: petition.districtCode, subject: input.subject, scheduledFor, venue: input.venue, createdBy: identity.subject, createdAt: clock() },
          panel,
        );
        await enqueueHearingScheduled(tx, hearing, panel.length);
        return hearing;
      });
    },

    /** Hold, record an opinion, conclude or cancel. */
    async change(identity: Identity, action: HearingAction, rawInput: unknown): Promise<HearingRow> {
      assertMayScheduleHearings(identity);
      const request = { action, ...parseInput(hearingInputs[action], rawInput) } as HearingRequest;
      return db.$transaction(async (tx) => {
        const locked = await writes.lockHearing(tx, request.hearingId);
        const change = decideHearingChange(identity, locked, request, clock());
        const updated = await writes.apply(tx, locked!, change);
        await enqueueHearingChanged(tx, updated, change);
        return updated;
      });
    },
  };
}

export type HearingService = ReturnType<typeof hearingService>;
