import type { Prisma } from '../generated/prisma/client';
import type { ClueFactState } from '../domain/clue-contributions';

type Tx = Prisma.TransactionClient;

/** clue_fact: one row per clue, locked while an event changes it. */
export const clueFactRepository = {
  /** The clue's fact, created empty when this is its first event, locked for this transaction. */
  async lock(tx: Tx, clueId: string, districtCode: string): Promise<ClueFactState> {
    // One statement: the no-op update locks an existing row and RETURNING answers it as it is.
    const [row] = await tx.$queryRaw<ClueFactState[]>`
      INSERT INTO clue_fact (clue_id, district_code) VALUES (${clueId}::uuid, ${districtCode})
      ON CONFLICT (clue_id) DO UPDATE SET clue_id = EXCLUDED.clue_id
      RETURNING clue_id::text AS "clueId", district_code AS "districtCode", source, category, submitted_at AS "submittedAt",
                decision, decided_at AS "decidedAt", case_opened_at AS "caseOpenedAt"`;
    return row!;
  },

  async save(tx: Tx, f: ClueFactState): Promise<void> {
    await tx.$executeRaw`
      UPDATE clue_fact SET district_code = ${f.districtCode}, source = ${f.source}, category = ${f.category},
        submitted_at = ${f.submittedAt}, decision = ${f.decision}, decided_at = ${f.decidedAt}, case_opened_at = ${f.caseOpenedAt}
      WHERE clue_id = ${f.clueId}::uuid`;
  },
};
