import { afterNewestFirst, isUuid } from '@pgov/graphql-kit';
import type { Clue, Prisma } from '../generated/prisma/client';
import type { DuplicateCriteria } from '../domain/clue-duplicates';
import { DECIDED_STATUSES, OPEN_STATUSES, type QueueCriteria } from '../domain/clue-queue';
import type { OutboxRow } from '@pgov/messaging';
import type { NewClue } from '../domain/submit-clue';
import type { CluesDb } from './prisma';

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

    /**
     * A new clue in one statement: the district's next number for the year, the row with its
     * SUBMITTED history entry and attachments, and its event in the outbox with the number issued
     * written into `data.number` (`event` carries a placeholder). The counter's upsert holds the
     * counter row's lock until the transaction ends, so concurrent submissions in a district queue
     * there and never share a number. One round trip instead of five: the submit path's cost is
     * per statement (tools/bench/submit.ts).
     */
    async create(tx: Tx, clue: NewClue & { id: string; originRef?: string | null; year: number; submittedAt: Date }, event: OutboxRow): Promise<ClueRow> {
      const { attachments = [] } = clue;
      const [created] = await tx.$queryRaw<ClueRow[]>`
        WITH counter AS (
          INSERT INTO clue_number_counter (district_code, year, last) VALUES (${clue.districtCode}, ${clue.year}, 1)
          ON CONFLICT (district_code, year) DO UPDATE SET last = clue_number_counter.last + 1
          RETURNING last
        ), created AS (
          INSERT INTO clue (id, number, district_code, year, seq, title, description, source, category, status,
                            grid_code, location, reporter_member_id, submitted_by, submitted_at, origin_ref)
          SELECT ${clue.id}::uuid, ${clue.districtCode} || '-' || ${clue.year}::int || '-' || lpad(last::text, 6, '0'),
                 ${clue.districtCode}, ${clue.year}::int, last, ${clue.title}, ${clue.description},
                 ${clue.source}::"ClueSource", ${clue.category}::"ClueCategory", 'SUBMITTED',
                 ${clue.gridCode}, ${clue.location}, ${clue.reporterMemberId}::uuid, ${clue.submittedBy},
                 ${clue.submittedAt}::timestamptz, ${clue.originRef ?? null}
          FROM counter
          RETURNING *
        ), history AS (
          INSERT INTO clue_transition (clue_id, "from", "to", "by", at)
          SELECT id, NULL, 'SUBMITTED', submitted_by, submitted_at FROM created
        ), attached AS (
          INSERT INTO clue_attachment (id, clue_id, name, sha256, size, media_type)
          SELECT gen_random_uuid(), created.id, a.name, a.sha256, a.size, a."mediaType"
          FROM created, jsonb_to_recordset(${JSON.stringify(attachments)}::jsonb) AS a(name text, sha256 text, size int, "mediaType" text)
        ), announced AS (
          INSERT INTO outbox_event (id, topic, key, type, envelope)
          SELECT ${event.id}::uuid, ${event.topic}, ${event.key}, ${event.type},
                 jsonb_set(${event.envelope}::jsonb, '{data,number}', to_jsonb(created.number))
          FROM created
        )
        SELECT id, number, district_code AS "districtCode", year, seq, title, title_chars AS "titleChars", description,
               source::text, category::text, status::text, department::text, grid_code AS "gridCode", location,
               reporter_member_id::text AS "reporterMemberId", submitted_by AS "submittedBy", submitted_at AS "submittedAt",
               origin_ref AS "originRef", decided_at AS "decidedAt", risk_level::text AS "riskLevel",
               coalesce(risk_factors::text[], '{}') AS "riskFactors", handling_plan AS "handlingPlan", risk_assessed_by AS "riskAssessedBy",
               risk_assessed_at AS "riskAssessedAt"
        FROM created`;
      return created!;
    },

    /**
     * Flags the clues already on record that `criteria` finds similar to the new clue `clueId`;
     * answers how many. The (grid_code, category, submitted_at) index narrows the candidates
     * before pg_trgm compares titles. A concurrent submission in the same grid is not missed: the
     * district's number counter (in create) has serialised the two transactions, so the later one
     * sees the earlier's row; that is also why "earlier" has no upper time bound here.
     */
    flagPossibleDuplicates(tx: Tx, clueId: string, criteria: DuplicateCriteria, flaggedAt: Date): Promise<number> {
      const { gridCode, category, title, submittedFrom, minSimilarity } = criteria;
      return tx.$executeRaw`
        INSERT INTO clue_duplicate (clue_id, duplicate_of_id, similarity, flagged_at)
        SELECT ${clueId}::uuid, earlier.id, similarity(earlier.title, ${title}), ${flaggedAt}
        FROM clue earlier
        WHERE earlier.grid_code = ${gridCode}
          AND earlier.category = ${category}::"ClueCategory"
          AND earlier.submitted_at >= ${submittedFrom}
          AND earlier.id <> ${clueId}::uuid
          AND similarity(earlier.title, ${title}) >= ${minSimilarity}::real`;
    },
  };
}

export type ClueRow = Clue;
