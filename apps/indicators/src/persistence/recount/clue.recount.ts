import type { RecountQueries } from './recount-query';

export const clueRecounts: RecountQueries = {
  CLUES_FROM_GRIDS: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8 AS numerator, 0::float8 AS denominator
    FROM clue_fact f CROSS JOIN LATERAL china_periods(f.submitted_at) p
    WHERE f.source = 'GRID_REPORT'
    GROUP BY 1, 2, 3`,
  GRID_PUBLIC_INTEREST_REFERRALS: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8, 0::float8
    FROM clue_fact f CROSS JOIN LATERAL china_periods(f.submitted_at) p
    WHERE f.source = 'GRID_REPORT' AND f.category LIKE 'PUBLIC\\_INTEREST\\_%'
    GROUP BY 1, 2, 3`,
  CLUE_ACCEPTANCE_RATE: `
    SELECT f.district_code, p.period_kind, p.period, count(*) FILTER (WHERE f.decision = 'ACCEPTED')::float8, count(*)::float8
    FROM clue_fact f CROSS JOIN LATERAL china_periods(f.decided_at) p
    WHERE f.decision IS NOT NULL
    GROUP BY 1, 2, 3`,
  CLUE_DECISION_DAYS: `
    SELECT f.district_code, p.period_kind, p.period,
           sum(extract(epoch FROM f.decided_at - f.submitted_at) / 86400)::float8, count(*)::float8
    FROM clue_fact f CROSS JOIN LATERAL china_periods(f.decided_at) p
    WHERE f.decision IS NOT NULL AND f.submitted_at IS NOT NULL
    GROUP BY 1, 2, 3`,
  CLUE_TO_CASE_RATE: `
    SELECT f.district_code, p.period_kind, p.period, count(f.case_opened_at)::float8, count(*)::float8
    FROM clue_fact f CROSS JOIN LATERAL china_periods(f.decided_at) p
    WHERE f.decision = 'ACCEPTED'
    GROUP BY 1, 2, 3`,
};
