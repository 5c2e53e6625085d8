import { CITY_CODE } from '@pgov/reference-data';
import type { Prisma } from '../generated/prisma/client';
import type { ClueCountIndicator } from '../domain/clue-indicators';
import type { Periods, PeriodKind } from '../domain/periods';

type Tx = Prisma.TransactionClient;

const PERIOD_COLUMN: Record<PeriodKind, 'month' | 'quarter' | 'year'> = { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

export function clueFactRepository() {
  return {
    /** Records the fact once; false when it was already known (a replayed or duplicated event). */
    async insert(tx: Tx, fact: { clueId: string; districtCode: string; source: string; category: string; submittedAt: Date } & Periods) {
      const inserted = await tx.$executeRaw`
        INSERT INTO clue_fact (clue_id, district_code, source, category, submitted_at, month, quarter, year)
        VALUES (${fact.clueId}::uuid, ${fact.districtCode}, ${fact.source}, ${fact.category}, ${fact.submittedAt},
                ${fact.month}, ${fact.quarter}, ${fact.year})
        ON CONFLICT (clue_id) DO NOTHING`;
      return inserted === 1;
    },

    /**
     * Sets the indicator's value for the district and the city in every period of the fact by
     * recounting the facts. A transaction-scoped advisory lock serialises recounts, so two
     * consumers committing facts at once cannot each write a count that misses the other's fact.
     */
    async recount(tx: Tx, indicator: ClueCountIndicator, districtCode: string, periods: Periods) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('indicators:clue_fact'))`;
      for (const kind of ['MONTH', 'QUARTER', 'YEAR'] as const) {
        const column = PERIOD_COLUMN[kind];
        const period = periods[column];
        const category = indicator.categoryPrefix ? `${indicator.categoryPrefix}%` : '%';
        // `column` comes from the fixed map above, never from input.
        await tx.$executeRawUnsafe(
          `INSERT INTO indicator_value (indicator_code, district_code, period_kind, period, value, updated_at)
           SELECT $1, j.code, $2::"PeriodKind", $3, count(f.clue_id), now()
           FROM (VALUES ($4::char(6)), ($5::char(6))) AS j(code)
           LEFT JOIN clue_fact f
             ON f.${column} = $3 AND f.source = $6 AND f.category LIKE $7
            AND (j.code = $5 OR f.district_code = j.code)
           GROUP BY j.code
           ON CONFLICT (indicator_code, district_code, period_kind, period)
           DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          indicator.code,
          kind,
          period,
          districtCode,
          CITY_CODE,
          indicator.source,
          category,
        );
      }
    },
  };
}
