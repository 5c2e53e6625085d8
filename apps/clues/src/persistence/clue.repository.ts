import { afterNewestFirst, isUuid } from '@pgov/graphql-kit';
import type { Clue, Prisma } from '../generated/prisma/client';
import type { DuplicateCriteria } from '../domain/clue-duplicates';
import { DECIDED_STATUSES, OPEN_STATUSES, type QueueCriteria } from '../domain/clue-queue';
import type { OutboxRow } from '@pgov/messaging';
import type { NewClue } from '../domain/submit-clue';
import { runPrepared, type CluesDb, type PreparedStatement } from './prisma';

/** '排污' → '排 污': a search term as it appears in title_chars (every character followed by a space). */
export function spacedChars(text: string): string {
  return [...text].join(' ');
}

type Tx = Prisma.TransactionClient;

/**
 * The queue's criteria as one Prisma condition. Each criterion is its own AND term, so two on the
 * same column (a status list and "overdue", a date range and "overdue") narrow together.
 */
function queueWhere(c: QueueCriteria): Prisma.ClueWhereInput[] {
  const terms: Prisma.ClueWhereInput[] = [];
  if (c.status) terms.push({ status: { in: c.status } });
  if (c.category) terms.push({ category: { in: c.category } });
  if (c.source) terms.push({ source: { in: c.source } });
  if (c.department) terms.push({ department: { in: c.department } });
  if (c.riskLevel) terms.push({ riskLevel: { in: c.riskLevel } });
  if (c.submittedFrom) terms.push({ submittedAt: { gte: c.submittedFrom } });
  if (c.submittedTo) terms.push({ submittedAt: { lt: c.submittedTo } });
  // ILIKE '%排 污%' on the spaced title (title_chars): its trigram index serves terms of two
  // characters and more; a substring of the title is exactly a substring of the spaced title.
  if (c.text) terms.push({ titleChars: { contains: spacedChars(c.text), mode: 'insensitive' } });
  if (c.possibleDuplicate !== undefined) {
    const live = { dismissedAt: null };
    terms.push(c.possibleDuplicate ? { duplicates: { some: live } } : { duplicates: { none: live } });
  }
  if (c.overdue) {
    const { overdue, submittedBefore } = c.overdue;
    terms.push(
      overdue
        ? { status: { in: [...OPEN_STATUSES] }, submittedAt: { lt: submittedBefore } }
        : { OR: [{ status: { in: [...DECIDED_STATUSES] } }, { submittedAt: { gte: submittedBefore } }] },
    );
  }
  return terms;
}

/** Clues on record in a district, or in the city when `districtCode` is undefined (clue_district_tally). */
async function tallyOf(db: CluesDb, districtCode: string | undefined): Promise<number> {
  const { _sum } = await db.clueDistrictTally.aggregate({ _sum: { clues: true }, where: districtCode === undefined ? {} : { districtCode } });
  return Number(_sum.clues ?? 0);
}

/**
 * A new clue in one call of submit_clue (migration 20261127130000): the district's next number for
 * the year, the row with its SUBMITTED history entry and attachments, its event in the outbox with
 * the number issued written into `data.number` (the event carries a placeholder), and the flags on
 * the earlier clues of its grid and category that the duplicate criteria find similar (none when
 * null). One statement, one round trip; given the service's client rather than a transaction it is
 * its own transaction, prepared once per connection (parsed and planned once, not per clue). The
 * function's comment tells why a concurrent submission in the same grid is not missed.
 */
const SUBMIT_CLUE: PreparedStatement = {
  name: 'submit_clue',
  text: `SELECT id, number, district_code AS "districtCode", year, seq, title, title_chars AS "titleChars", description,
          source::text, category::text, status::text, department::text, grid_code AS "gridCode", location,
          reporter_member_id::text AS "reporterMemberId", submitted_by AS "submittedBy", submitted_at AS "submittedAt",
          origin_ref AS "originRef", decided_at AS "decidedAt", risk_level::text AS "riskLevel",
          coalesce(risk_factors::text[], '{}') AS "riskFactors", handling_plan AS "handlingPlan", risk_assessed_by AS "riskAssessedBy",
          risk_assessed_at AS "riskAssessedAt"
   FROM submit_clue($1::uuid, $2::char(6), $3::int, $4, $5, $6::"ClueSource", $7::"ClueCategory", $8, $9, $10::uuid, $11,
                    $12::timestamptz, $13, $14::jsonb, $15::uuid, $16, $17, $18, $19::jsonb, $20::timestamptz, $21::real)`,
};

export function clueRepository(db: CluesDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.clue.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },

    /**
     * Newest first, keyset-paginated on (submittedAt, id); fetches size + 1 rows. A district's or
     * the city's unfiltered total (every dashboard's) is read from the tally PostgreSQL keeps;
     * anything narrower is counted.
     */
    async page(scope: { districtCode?: string; submittedBy?: string }, criteria: QueueCriteria, size: number, after: string | null | undefined) {
      const where: Prisma.ClueWhereInput = { ...scope, AND: queueWhere(criteria) };
      const terms = where.AND as Prisma.ClueWhereInput[];
      const tallied = terms.length === 0 && scope.submittedBy === undefined;
      const [rows, total] = await Promise.all([
        db.clue.findMany({
          where: { AND: [where, afterNewestFirst(after, 'submittedAt')] },
          orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        tallied ? tallyOf(db, scope.districtCode) : db.clue.count({ where }),
      ]);
      return { rows, total };
    },

    /** A new clue: SUBMIT_CLUE, inside `tx` when it is a transaction. */
    async create(
      tx: Tx | CluesDb,
      clue: NewClue & { id: string; originRef?: string | null; year: number; submittedAt: Date },
      event: OutboxRow,
      duplicates: Pick<DuplicateCriteria, 'submittedFrom' | 'minSimilarity'> | null,
    ): Promise<ClueRow> {
      const { attachments = [] } = clue;
      const values = [
        clue.id, clue.districtCode, clue.year, clue.title, clue.description, clue.source, clue.category, clue.gridCode ?? null,
        clue.location ?? null, clue.reporterMemberId ?? null, clue.submittedBy, clue.submittedAt, clue.originRef ?? null,
        JSON.stringify(attachments), event.id, event.topic, event.key, event.type, event.envelope,
        duplicates?.submittedFrom ?? null, duplicates?.minSimilarity ?? null,
      ];
      const [created] = (await runPrepared<ClueRow>(tx, SUBMIT_CLUE, values)) ?? (await tx.$queryRawUnsafe<ClueRow[]>(SUBMIT_CLUE.text, ...values));
      return created!;
    },
  };
}

export type ClueRow = Clue;
