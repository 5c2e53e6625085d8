// Demo-data generator for the clues database:
//   npx tsx apps/clues/src/seed/main.ts [--scale demo|large] [--seed 2026] [--until 2026-11-01T00:00:00+08:00]
// Deterministic from the seed (ids, numbers and histories included); idempotent (clues already
// there are kept, their histories not written twice, counters only ever raised). Reads DATABASE_URL.
// Writes no outbox rows: the clues are for measuring queries, they are not announced as events.
import { progressBar } from '@pgov/demo-data';
import { parseArgs } from 'node:util';
import { DISTRICTS } from '@pgov/reference-data';
import { createDb } from '../persistence/prisma';
import { readSeedConfig } from './config';
import { cluesOfDistrict, DEFAULT_UNTIL, demoClues, SCALES, type DemoClue } from './demo-clues';
import { demoCluesRepository, type Written } from './demo-clues.repository';

/** Clues per transaction (with their histories and attachments: about 5 rows more per clue). */
const BATCH = 5000;

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '2026' },
      until: { type: 'string', default: DEFAULT_UNTIL.toISOString() },
    },
  });
  const scale = SCALES[values.scale as keyof typeof SCALES];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const until = new Date(values.until!);
  if (Number.isNaN(until.getTime())) throw new Error('--until must be an ISO 8601 date or instant, e.g. 2026-11-01T00:00:00+08:00');
  const config = readSeedConfig();
  const db = createDb(config.DATABASE_URL);
  const store = demoCluesRepository(db);

  const total = DISTRICTS.reduce((sum, _, i) => sum + cluesOfDistrict(scale, i), 0);
  const written: Written = { clues: 0, transitions: 0, attachments: 0 };
  const started = Date.now();
  const bar = progressBar(total, 'clues');
  let done = 0;
  const flush = async (batch: DemoClue[]) => {
    const w = await store.writeBatch(batch);
    written.clues += w.clues;
    written.transitions += w.transitions;
    written.attachments += w.attachments;
    done += batch.length;
    bar.update(done, DISTRICTS.find((d) => d.code === batch[batch.length - 1]!.districtCode)!.name);
  };
  try {
    let batch: DemoClue[] = [];
    for (const clue of demoClues(seed, scale, until)) {
      batch.push(clue);
      if (batch.length === BATCH) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length) await flush(batch);
    if (written.clues > 0) await store.settle();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    bar.done();
    process.stderr.write(
      `clues demo data (seed ${seed}, scale ${values.scale}, until ${until.toISOString()}): ${total} clues in 13 districts; ` +
        `inserted ${written.clues} clues (${total - written.clues} already there), ${written.transitions} transitions, ${written.attachments} attachments in ${seconds} s; no events published\n`,
    );
  } finally {
    await db.$disconnect();
  }
}


main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
