// Demo-data generator for the grids database: `tsx apps/grids/src/seed/main.ts [--scale demo|large] [--seed N]`.
// Deterministic from the seed (ids included); idempotent (existing rows are kept). Reads DATABASE_URL
// and the PERSONAL_DATA_* keys: phones and ID numbers are stored encrypted, as the service stores them.
import { parseArgs } from 'node:util';
import { progressBar } from '@pgov/demo-data';
import { personalDataCipherOf, type PersonalDataCipher } from '@pgov/privacy';
import { readSeedConfig } from '../config';
import { createDb } from '../persistence/prisma';
import { sealPersonalNumbers } from '../services/member-personal-data';
import { demoNetwork, SCALES, type DemoMember } from './demo-data';

/** The row as the database keeps it: the personal numbers only as ciphertexts and a keyed hash. */
function stored(member: DemoMember, cipher: PersonalDataCipher) {
  const { phone, idNumber, ...rest } = member;
  return { ...rest, ...sealPersonalNumbers(cipher, { phone, idNumber }) };
}

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
  let done = 0;
  let members = 0;
  try {
    for (const part of demoNetwork(seed, scale)) {
      await db.$transaction(async (tx) => {
        await tx.street.createMany({ data: part.streets, skipDuplicates: true });
        await tx.community.createMany({ data: part.communities, skipDuplicates: true });
        await tx.grid.createMany({ data: part.grids, skipDuplicates: true });
        // Codes are unique across levels: every unit claims its code, as the hierarchy service does.
        const codes = [
          ...part.streets.map((u) => ({ code: u.code, level: 'STREET' as const })),
          ...part.communities.map((u) => ({ code: u.code, level: 'COMMUNITY' as const })),
          ...part.grids.map((u) => ({ code: u.code, level: 'GRID' as const })),
        ];
        await tx.unitCode.createMany({ data: codes, skipDuplicates: true });
        for (let i = 0; i < part.members.length; i += 1000) {
          await tx.member.createMany({ data: part.members.slice(i, i + 1000).map((m) => stored(m, cipher)), skipDuplicates: true });
        }
      }, { timeout: 120_000 });
      done += 1;
      members += part.members.length;
      bar.update(done, `${part.district.name}: ${part.grids.length} grids, ${part.members.length} members`);
    }
    bar.done();
    process.stderr.write(`grids demo data (seed ${seed}, scale ${values.scale}): ${members} members in 13 districts, personal data encrypted (key ${cipher.activeKeyId})\n`);
  } finally {
    await db.$disconnect();
  }
}


main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
