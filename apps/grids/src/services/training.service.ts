import type { Identity } from '@pgov/auth';
import { buildEnvelope, memberTrained, trainingHeld } from '@pgov/contracts';
import { NotFound, parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import { chinaDate } from '@pgov/reference-data';
import { createTrainingInput, decideAttendees, decideNewTraining, recordTrainingAttendanceInput } from '../domain/training';
import { canSeeTraining } from '../domain/training-access';
import type { Prisma } from '../generated/prisma/client';
import type { GridsDb } from '../persistence/prisma';
import type { TrainingRepository, TrainingRow } from '../persistence/training.repository';

type Tx = Prisma.TransactionClient;

const origin = (time: Date) => ({ source: 'grids', time });
const dateOf = (t: TrainingRow) => t.heldOn.toISOString().slice(0, 10);

/**
 * Announces a training with its current attendee count on the partner-readable topic: counts
 * only, never who attended.
 */
function announceTraining(tx: Tx, training: TrainingRow, attendeeCount: number, at: Date) {
  return enqueueEvent(
    tx,
    trainingHeld,
    buildEnvelope(
      trainingHeld,
      {
        subject: training.id,
        district: training.districtCode,
        data: {
          trainingId: training.id,
          title: training.title,
          districtCode: training.districtCode,
          heldOn: dateOf(training),
          attendeeCount,
          recordedAt: at.toISOString(),
        },
      },
      origin(at),
    ),
  );
}

/** Write side of trainings: each change and the events announcing it in one transaction. */
export function trainingService(deps: { db: GridsDb; trainings: TrainingRepository; clock: () => Date }) {
  const { db, trainings, clock } = deps;
  return {
    async create(identity: Identity, rawInput: unknown): Promise<TrainingRow> {
      const now = clock();
      const training = decideNewTraining(identity, parseInput(createTrainingInput, rawInput), chinaDate(now));
      return db.$transaction(async (tx) => {
        const created = await trainings.create(tx, { ...training, createdAt: now });
        await announceTraining(tx, created, 0, now);
        return created;
      });
    },

    /**
     * Records attendees; members already recorded are kept once. Each newly recorded member is
     * announced (grids.member.trained, internal) and the training with its new count
     * (grids.training.held); a call that adds nobody changes and announces nothing.
     */
    async recordAttendance(identity: Identity, rawInput: unknown): Promise<TrainingRow> {
      const input = parseInput(recordTrainingAttendanceInput, rawInput);
      const now = clock();
      return db.$transaction(async (tx) => {
        const training = await trainings.lockForAttendance(tx, input.trainingId);
        // Another district's training answers as if it did not exist.
        if (!training || !canSeeTraining(identity, training.districtCode)) throw new NotFound('Training', input.trainingId);
        const known = new Map((await trainings.membersOfDistricts(tx, input.memberIds)).map((m) => [m.id, m]));
        const attendees = decideAttendees(identity, { districtCode: training.districtCode, heldOn: dateOf(training) }, input.memberIds, known, chinaDate(now));
        const inserted = new Set(await trainings.addAttendances(tx, training.id, attendees.map((m) => m.id), identity.subject, now));
        if (inserted.size === 0) return training;
        for (const member of attendees.filter((m) => inserted.has(m.id))) {
          await enqueueEvent(
            tx,
            memberTrained,
            buildEnvelope(
              memberTrained,
              {
                subject: member.id,
                district: member.districtCode,
                data: {
                  memberId: member.id,
                  districtCode: member.districtCode,
                  trainingId: training.id,
                  trainingDistrictCode: training.districtCode,
                  heldOn: dateOf(training),
                  recordedAt: now.toISOString(),
                },
              },
              origin(now),
            ),
          );
        }
        await announceTraining(tx, training, await trainings.countAttendees(tx, training.id), now);
        return training;
      });
    },
  };
}
