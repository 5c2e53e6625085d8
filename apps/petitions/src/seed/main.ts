// Demo-data generator for the petitions database:
//   npx tsx apps/petitions/src/seed/main.ts [--scale demo|large] [--seed N] [--as-of YYYY-MM-DD | ISO date-time]
// Deterministic from the seed and --as-of (ids included; --as-of defaults to today's date in China,
// midnight); idempotent (petitions already there are kept, with their replies, history and hearings).
// Reads DATABASE_URL and the PERSONAL_DATA_* keys: petitioners' numbers are stored encrypted, as the
// service stores them. Writes no outbox rows: the generated petitions are for measuring queries, not
// announced as events.
import { parseArgs } from 'node:util';
import { progressBar } from '@pgov/demo-data';
import { personalDataCipherOf, type PersonalDataCipher } from '@pgov/privacy';
import { calendarDate, chinaDate, fromChinaWallClock, isCalendarDate } from '@pgov/reference-data';
import { createDb, type PetitionsDb } from '../persistence/prisma';
import { demoPetitions, SCALES, type DemoPetition } from './demo-petitions';
import { readSeedConfig } from './seed-config';
import { storedHearing, storedPanel, storedPetition } from './stored-rows';

/** Petitions per transaction, and rows per INSERT statement. */
const BATCH = 5000;
const CONCURRENT_BATCHES = 2;

interface Counts {
  petitions: number;
  existing: number;
  transitions: number;
  replies: number;
  ownerChanges: number;
  hearings: number;
  panelists: number;
}

function asOfInstant(value: string | undefined, now: Date): Date {
  const date = value ?? chinaDate(now);
  if (isCalendarDate(date)) return fromChinaWallClock(calendarDate(date));
  const at = new Date(date);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(date) || Number.isNaN(at.getTime())) throw new Error('--as-of must be a date YYYY-MM-DD (midnight in China) or an ISO 8601 date-time');
  return at;
}

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/**
 * One batch: the petitions not there yet, in one transaction (ON CONFLICT DO NOTHING), then the rows
 * of those it inserted only — transitions and owner changes have generated keys, so they must never
 * be written again for a petition that was already there.
 */
async function writeBatch(db: PetitionsDb, batch: readonly DemoPetition[], cipher: PersonalDataCipher, counts: Counts): Promise<void> {
  const there = await db.petition.findMany({ where: { id: { in: batch.map((p) => p.row.id) } }, select: { id: true } });
  const known = new Set(there.map((r) => r.id));
  const missing = batch.filter((p) => !known.has(p.row.id));
  counts.existing += known.size;
  if (missing.length === 0) return;
  const petitions = missing.map((p) => storedPetition(p, cipher));
  await db.$transaction(
    async (tx) => {
      const inserted = await tx.petition.createManyAndReturn({ data: petitions, skipDuplicates: true, select: { id: true } });
      const fresh = new Set(inserted.map((r) => r.id));
      const created = missing.filter((p) => fresh.has(p.row.id));
      const transitions = created.flatMap((p) => p.transitions);
      const replies = created.flatMap((p) => p.replies);
      const ownerChanges = created.flatMap((p) => p.ownerChanges);
      const hearings = created.flatMap((p) => p.hearings);
      const panelists = hearings.flatMap((h) => storedPanel(h, cipher));
      await inChunks(transitions, (data) => tx.petitionTransition.createMany({ data }));
      await inChunks(replies, (data) => tx.petitionReply.createMany({ data, skipDuplicates: true }));
      await inChunks(ownerChanges, (data) => tx.petitionOwnerChange.createMany({ data }));
      await inChunks(hearings.map(storedHearing), (data) => tx.hearing.createMany({ data, skipDuplicates: true }));
      await inChunks(panelists, (data) => tx.hearingPanelist.createMany({ data, skipDuplicates: true }));
      counts.petitions += created.length;
      // Inserted meanwhile by another run.
      counts.existing += missing.length - created.length;
      counts.transitions += transitions.length;
      counts.replies += replies.length;
      counts.ownerChanges += ownerChanges.length;
      counts.hearings += hearings.length;
      counts.panelists += panelists.length;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '2026' }, 'as-of': { type: 'string' } } });
  const scale = SCALES[values.scale as keyof typeof SCALES];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const asOf = asOfInstant(values['as-of'], new Date());
  const config = readSeedConfig();
  const cipher = personalDataCipherOf(config);
  const options = {
    asOf,
    rules: { proceduralReplyDays: config.PROCEDURAL_REPLY_DAYS, resultReplyMonths: config.RESULT_REPLY_MONTHS },
    comingDue: { proceduralDueSoonDays: config.PROCEDURAL_DUE_SOON_DAYS, resultDueSoonDays: config.RESULT_DUE_SOON_DAYS },
    panel: { min: config.HEARING_PANEL_MIN, max: config.HEARING_PANEL_MAX },
  };
  const db = createDb(config.DATABASE_URL);
  const counts: Counts = { petitions: 0, existing: 0, transitions: 0, replies: 0, ownerChanges: 0, hearings: 0, panelists: 0 };
  const started = Date.now();
  const bar = progressBar(scale.petitions, 'petitions');
  let done = 0;
  let batch: DemoPetition[] = [];
  // Two batches in flight: one is compiled and sent by this process while PostgreSQL writes the other.
  const inFlight = new Set<Promise<void>>();
  const flush = async () => {
    const rows = batch;
    batch = [];
    const write = writeBatch(db, rows, cipher, counts).then(() => {
      inFlight.delete(write);
      done += rows.length;
      bar.update(done, `${counts.existing} already there`);
    });
    inFlight.add(write);
    if (inFlight.size >= CONCURRENT_BATCHES) await Promise.race(inFlight);
  };
  try {
    bar.update(0);
    for (const petition of demoPetitions(seed, scale, options)) {
      batch.push(petition);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await Promise.all(inFlight);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    bar.done();
    process.stderr.write(
      `petitions demo data (seed ${seed}, scale ${values.scale}, as of ${asOf.toISOString()}): ${counts.petitions} petitions inserted (${counts.existing} already there), ` +
        `${counts.transitions} transitions, ${counts.replies} replies, ${counts.ownerChanges} owner changes, ${counts.hearings} hearings with ${counts.panelists} panelists ` +
        `in ${seconds} s; personal numbers encrypted (key ${cipher.activeKeyId}); no events written\n`,
    );
  } finally {
    await Promise.allSettled(inFlight);
    await db.$disconnect();
  }
}


main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
