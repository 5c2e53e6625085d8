// Demo-data generator for the grids database: `tsx apps/grids/src/seed/main.ts [--scale demo|large] [--seed N]`.
// Deterministic from the seed (ids included); idempotent (existing rows are kept). Reads DATABASE_URL
// and the PERSONAL_DATA_* keys: phones and ID numbers are stored encrypted, as the service stores them.
// Each unit and member inserted is announced in the outbox as the service would (published when
// grids starts), so that the other services learn of the network.
import { parseArgs } from 'node:util';
import { progressBar } from '@pgov/demo-data';
import { personalDataCipherOf } from '@pgov/privacy';
import { readSeedConfig } from '../config';
import { createDb } from '../persistence/prisma';
import { demoNetwork, SCALES } from './demo-data';
import { writeDemoPart } from './write-demo-network';

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '2026' } } });
  const scale = SCALES[values.scale as keyof typeof SCALES];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const config = readSeedConfig();
  const cipher = personalDataCipherOf(config);
  const db = createDb(config.DATABASE_URL);
  const bar = progressBar(13, 'districts');
  // The instant the seeded units are created and members registered, as their events say.
  const at = new Date();
  let done = 0;
  let members = 0;
  let events = 0;
  try {
    for (const part of demoNetwork(seed, scale)) {
      const written = await db.$transaction((tx) => writeDemoPart(tx, part, cipher, at), { timeout: 120_000 });
      done += 1;
      members += written.members;
      events += written.events;
      bar.update(done, `${part.district.name}: ${part.grids.length} grids, ${part.members.length} members`);
    }
    bar.done();
    process.stderr.write(
      `grids demo data (seed ${seed}, scale ${values.scale}): ${members} members added in 13 districts, personal data encrypted (key ${cipher.activeKeyId}), ${events} events in the outbox\n`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
