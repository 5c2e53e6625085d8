import { Prisma } from '../generated/prisma/client';
import type { CluesDb } from '../persistence/prisma';
import { counterRows, type DemoClue } from './demo-clues';

type Tx = Prisma.TransactionClient;

export interface Written {
  clues: number;
  transitions: number;
  attachments: number;
}

/**
 * Writes demo clues in bulk. One INSERT per table and batch, each row set passed as one array
 * per column and unnested by PostgreSQL: a few parameters instead of ~20 per row, and no per-row
 * work in the client. (Prisma's createMany did the same rows at ~2,000 clues and ~4,000
 * history rows a second here, about 25 minutes for the large scale; this is several times faster.)
 * ON CONFLICT DO NOTHING is createMany's skipDuplicates: a clue whose id or number is taken is kept
 * as it is.
 */
export function demoCluesRepository(db: CluesDb) {
  return {
    /**
     * One transaction: the clues not there yet, the histories and attachments of those only (so a
     * second run writes no history twice), and the counters raised to the batch's highest numbers
     * (never lowered), so later submissions continue the numbering.
     */
    writeBatch(batch: readonly DemoClue[]): Promise<Written> {
      return db.$transaction(
        async (tx) => {
          const created = await insertClues(tx, batch);
          const mine = batch.filter((c) => created.has(c.id));
          const transitions = await insertTransitions(tx, mine);
          const attachments = await insertAttachments(tx, mine);
          await raiseCounters(tx, batch);
          return { clues: created.size, transitions, attachments };
        },
        { timeout: 300_000, maxWait: 30_000 },
      );
    },

    /**
     * After a bulk load: VACUUM marks the new rows' pages all-visible, so the queue's counts are
     * index-only scans at once (clue_district_code_status_category_submitted_at_idx) instead of visiting a heap
     * page per row until autovacuum gets round to it; ANALYZE gives the planner the new data.
     */
    async settle(): Promise<void> {
      await db.$executeRawUnsafe('VACUUM (ANALYZE) clue, clue_transition, clue_attachment');
    },
  };
}

/** The ids of the clues inserted (those already there are left out). */
async function insertClues(tx: Tx, batch: readonly DemoClue[]): Promise<Set<string>> {
  const col = <K extends keyof DemoClue>(key: K) => batch.map((c) => c[key]);
  // An array column cannot be unnested as such: each row's factors travel as an array literal.
  const riskFactors = batch.map((c) => `{${c.riskFactors.join(',')}}`);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO clue (id, number, district_code, year, seq, title, description, source, category, status, department,
      grid_code, location, reporter_member_id, submitted_by, submitted_at, origin_ref, decided_at,
      risk_level, risk_factors, handling_plan, risk_assessed_by, risk_assessed_at)
    SELECT id, number, district_code, year, seq, title, description, source::"ClueSource", category::"ClueCategory",
      status::"ClueStatus", department::"ClueDepartment", grid_code, location, NULL, submitted_by, submitted_at,
      origin_ref, decided_at, risk_level::"RiskLevel", risk_factors::"RiskFactor"[], handling_plan, risk_assessed_by, risk_assessed_at
    FROM unnest(
      ${col('id')}::uuid[], ${col('number')}::text[], ${col('districtCode')}::text[], ${col('year')}::int[], ${col('seq')}::int[],
      ${col('title')}::text[], ${col('description')}::text[], ${col('source')}::text[], ${col('category')}::text[],
      ${col('status')}::text[], ${col('department')}::text[], ${col('gridCode')}::text[], ${col('location')}::text[],
      ${col('submittedBy')}::text[], ${col('submittedAt')}::timestamptz[], ${col('originRef')}::text[], ${col('decidedAt')}::timestamptz[],
      ${col('riskLevel')}::text[], ${riskFactors}::text[], ${col('handlingPlan')}::text[], ${col('riskAssessedBy')}::text[],
      ${col('riskAssessedAt')}::timestamptz[]
    ) AS u(id, number, district_code, year, seq, title, description, source, category, status, department, grid_code, location,
      submitted_by, submitted_at, origin_ref, decided_at, risk_level, risk_factors, handling_plan, risk_assessed_by, risk_assessed_at)
    ON CONFLICT DO NOTHING
    RETURNING id`;
  return new Set(rows.map((r) => r.id));
}

async function insertTransitions(tx: Tx, clues: readonly DemoClue[]): Promise<number> {
  const rows = clues.flatMap((c) => c.transitions.map((t) => ({ clueId: c.id, ...t })));
  if (rows.length === 0) return 0;
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  return tx.$executeRaw`
    INSERT INTO clue_transition (clue_id, "from", "to", by, reason, at, department)
    SELECT clue_id, "from"::"ClueStatus", "to"::"ClueStatus", by, reason, at, department::"ClueDepartment"
    FROM unnest(
      ${col('clueId')}::uuid[], ${col('from')}::text[], ${col('to')}::text[], ${col('by')}::text[], ${col('reason')}::text[],
      ${col('at')}::timestamptz[], ${col('department')}::text[]
    ) AS u(clue_id, "from", "to", by, reason, at, department)`;
}

async function insertAttachments(tx: Tx, clues: readonly DemoClue[]): Promise<number> {
  const rows = clues.flatMap((c) => c.attachments.map((a) => ({ clueId: c.id, ...a })));
  if (rows.length === 0) return 0;
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  return tx.$executeRaw`
    INSERT INTO clue_attachment (id, clue_id, name, sha256, size, media_type)
    SELECT * FROM unnest(
      ${col('id')}::uuid[], ${col('clueId')}::uuid[], ${col('name')}::text[], ${col('sha256')}::text[], ${col('size')}::int[],
      ${col('mediaType')}::text[]
    )
    ON CONFLICT DO NOTHING`;
}

/** GREATEST: a counter already past the demo numbers (later submissions) stays where it is. */
async function raiseCounters(tx: Tx, batch: readonly DemoClue[]): Promise<void> {
  const rows = counterRows(batch).map((r) => Prisma.sql`(${r.districtCode}, ${r.year}, ${r.last})`);
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO clue_number_counter (district_code, year, last) VALUES ${Prisma.join(rows)}
    ON CONFLICT (district_code, year) DO UPDATE SET last = GREATEST(clue_number_counter.last, EXCLUDED.last)`;
}
