import type { IndicatorsDb } from './prisma';

/** Every table the values are rebuilt from, and the values. The catalogue and the alerts stay. */
const REBUILT = [
  'clue_fact',
  'recommendation_fact',
  'petition_fact',
  'hearing_fact',
  'grid_fact',
  'member_fact',
  'informant_span',
  'training_attendance_fact',
  'indicator_value',
] as const;

export const replayRepository = {
  /** Empties facts and values and forgets which events `consumer` applied, in one transaction. */
  async empty(db: IndicatorsDb, consumer: string): Promise<void> {
    await db.$transaction([
      db.$executeRawUnsafe(`TRUNCATE ${REBUILT.join(', ')}`),
      db.$executeRaw`DELETE FROM processed_event WHERE consumer = ${consumer}`,
    ]);
  },
};
