// Demo-data generator for the grids database: `tsx apps/grids/src/seed/main.ts [--scale demo|large] [--seed N]`.
// Deterministic from the seed; idempotent (existing rows are kept). Reads DATABASE_URL only.
import { parseArgs } from 'node:util';
import { databaseUrl, loadConfig } from '@pgov/config';
import { createDb } from '../persistence/prisma';
import { demoNetwork, SCALES } from './demo-data';

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '2026' } } });
  const scale = SCALES[values.scale as keyof typeof SCALES];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const { DATABASE_URL } = loadConfig('grids seed', { DATABASE_URL: databaseUrl() });
  const db = createDb(DATABASE_URL);
  let done = 0;
  let members = 0;
  try {
    for (const part of demoNetwork(seed, scale)) {
      await db.$transaction(async (tx) => {
        await tx.street.createMany({ data: part.streets, skipDuplicates: true });
        await tx.community.createMany({ data: part.communities, skipDuplicates: true });
        await tx.grid.createMany({ data: part.grids, skipDuplicates: true });
        for (let i = 0; i < part.members.length; i += 1000) {
          await tx.member.createMany({ data: part.members.slice(i, i + 1000), skipDuplicates: true });
        }
      }, { timeout: 120_000 });
      done += 1;
      members += part.members.length;
      progress(done, 13, `${part.district.name}: ${part.grids.length} grids, ${part.members.length} members`);
    }
    process.stderr.write(`\ngrids demo data (seed ${seed}, scale ${values.scale}): ${members} members in 13 districts\n`);
  } finally {
    await db.$disconnect();
  }
}

function progress(done: number, total: number, label: string) {
  const width = 26;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.padEnd(40)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
