import type { EnvelopeOf, clueSubmitted } from '@pgov/contracts';
import type { Prisma } from '../generated/prisma/client';
import { CLUE_COUNT_INDICATORS, countsClue } from '../domain/clue-indicators';
import { periodsOf } from '../domain/periods';
import { clueFactRepository } from '../persistence/clue-fact.repository';

/** clues.clue.submitted → keep the fact, recount the indicators it counts for. */
const facts = clueFactRepository();

export async function handleClueSubmitted(envelope: EnvelopeOf<typeof clueSubmitted>, tx: Prisma.TransactionClient): Promise<void> {
  const { data } = envelope;
  const submittedAt = new Date(data.submittedAt);
  const periods = periodsOf(submittedAt);
  const isNew = await facts.insert(tx, {
    clueId: data.clueId,
    districtCode: data.districtCode,
    source: data.source,
    category: data.category,
    submittedAt,
    ...periods,
  });
  if (!isNew) return;
  for (const indicator of CLUE_COUNT_INDICATORS) {
    if (countsClue(indicator, data)) await facts.recount(tx, indicator, data.districtCode, periods);
  }
}
