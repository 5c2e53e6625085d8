import { decodeCursor, InvalidInput } from '@pgov/graphql-kit';
import { calendarDate } from '@pgov/reference-data';
import type { Prisma, SupervisedPerson, SupervisionEvent } from '../generated/prisma/client';
import type { SupervisionFact, SupervisionState } from '../domain/supervision';
import { SUPERVISION_RULES, supervisionClueRef } from '../domain/supervision-rules';
import type { CluesDb } from './prisma';

type Tx = Prisma.TransactionClient;

const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const date = (d: string | null) => (d === null ? null : calendarDate(d));

export type SupervisedPersonRow = SupervisedPerson;
export type SupervisionEventRow = SupervisionEvent;

/** The projection's dates as the domain reads them (YYYY-MM-DD). */
export function stateOf(row: SupervisedPersonRow): SupervisionState {
  return {
    judgmentEffectiveOn: day(row.judgmentEffectiveOn),
    enrolledOn: day(row.enrolledOn),
    reportedInOn: day(row.reportedInOn),
    checkIns: row.checkIns,
    missedCheckIns: row.missedCheckIns,
    warnings: row.warnings,
    educationSessions: row.educationSessions,
    releasedOn: day(row.releasedOn),
    releaseAnnounced: row.releaseAnnounced,
  };
}

/** Supervised persons (the projection) and their supervision record. */
export function supervisionRepository(db: CluesDb) {
  return {
    /**
     * The person's row locked until the transaction ends (one person's events apply one after the
     * other), or null when this is the first event about them: the row is created here, locked as
     * well, and its state is the domain's UNKNOWN_PERSON.
     */
    async lockPerson(tx: Tx, personId: string, districtCode: string, at: Date): Promise<SupervisedPersonRow | null> {
      const created = await tx.$queryRaw<unknown[]>`
        INSERT INTO supervised_person (person_id, district_code, updated_at) VALUES (${personId}, ${districtCode}, ${at})
        ON CONFLICT (person_id) DO NOTHING RETURNING person_id`;
      if (created.length > 0) return null;
      await tx.$queryRaw`SELECT person_id FROM supervised_person WHERE person_id = ${personId} FOR UPDATE`;
      return tx.supervisedPerson.findUniqueOrThrow({ where: { personId } });
    },

    async isRecorded(tx: Tx, eventId: string): Promise<boolean> {
      return (await tx.supervisionEvent.findUnique({ where: { eventId }, select: { id: true } })) !== null;
    },

    /** The new state (and the district of the latest event: a person may move). */
    async save(tx: Tx, personId: string, districtCode: string, state: SupervisionState, at: Date): Promise<void> {
      await tx.supervisedPerson.update({
        where: { personId },
        data: {
          districtCode,
          judgmentEffectiveOn: date(state.judgmentEffectiveOn),
          enrolledOn: date(state.enrolledOn),
          reportedInOn: date(state.reportedInOn),
          checkIns: state.checkIns,
          missedCheckIns: state.missedCheckIns,
          warnings: state.warnings,
          educationSessions: state.educationSessions,
          releasedOn: date(state.releasedOn),
          releaseAnnounced: state.releaseAnnounced,
          updatedAt: at,
        },
      });
    },

    /** One entry of the person's record; `clueId` when the event raised a supervision clue. */
    async record(tx: Tx, entry: { personId: string; eventId: string; fact: SupervisionFact; recordedAt: Date; clueId: string | null }): Promise<void> {
      const { type, occurredOn, ...detail } = entry.fact;
      await tx.supervisionEvent.create({
        data: {
          personId: entry.personId,
          eventId: entry.eventId,
          type,
          occurredOn: calendarDate(occurredOn),
          detail: Object.keys(detail).length > 0 ? detail : undefined,
          recordedAt: entry.recordedAt,
          clueId: entry.clueId,
        },
      });
    },

    byPersonIds(personIds: readonly string[]) {
      return db.supervisedPerson.findMany({ where: { personId: { in: [...personIds] } } });
    },

    /** Ordered by person id (keyset), `size + 1` rows; `districtCode` undefined: every district. */
    async page(scope: { districtCode?: string }, size: number, after: string | null | undefined) {
      const cursor = decodeCursor(after);
      if (cursor && (cursor.length !== 1 || typeof cursor[0] !== 'string')) throw new InvalidInput('after', 'not a cursor returned by this list');
      const where: Prisma.SupervisedPersonWhereInput = scope.districtCode ? { districtCode: scope.districtCode } : {};
      const [rows, total] = await Promise.all([
        db.supervisedPerson.findMany({
          where: cursor ? { AND: [where, { personId: { gt: String(cursor[0]) } }] } : where,
          orderBy: { personId: 'asc' },
          take: size + 1,
        }),
        db.supervisedPerson.count({ where }),
      ]);
      return { rows, total };
    },

    /** The records of several persons in one query, each oldest first. */
    recordsOf(personIds: readonly string[]) {
      return db.supervisionEvent.findMany({ where: { personId: { in: [...personIds] } }, orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }] });
    },

    /** The supervision clues of several persons in one query (by their origin references), oldest first. */
    async cluesOf(personIds: readonly string[]) {
      const personOfRef = new Map<string, string>();
      for (const personId of personIds) for (const rule of SUPERVISION_RULES) personOfRef.set(supervisionClueRef(personId, rule), personId);
      const clues = await db.clue.findMany({ where: { originRef: { in: [...personOfRef.keys()] } }, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] });
      return clues.flatMap((clue) => {
        const personId = clue.originRef === null ? undefined : personOfRef.get(clue.originRef);
        return personId === undefined ? [] : [{ personId, clue }];
      });
    },
  };
}

export type SupervisionRepository = ReturnType<typeof supervisionRepository>;
