import type { RecountQueries } from './recount-query';

export const hearingRecounts: RecountQueries = {
  PUBLIC_HEARINGS_HELD: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8, 0::float8
    FROM hearing_fact f CROSS JOIN LATERAL china_periods(f.held_at) p
    GROUP BY 1, 2, 3`,
  HEARING_OPINION_ADOPTION_RATE: `
    SELECT f.district_code, p.period_kind, p.period, count(*) FILTER (WHERE f.opinion_adopted)::float8, count(*)::float8
    FROM hearing_fact f CROSS JOIN LATERAL china_periods(f.concluded_at) p
    GROUP BY 1, 2, 3`,
  ADMIN_DISPUTES_RESOLVED_AT_HEARINGS: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8, 0::float8
    FROM hearing_fact f CROSS JOIN LATERAL china_periods(f.concluded_at) p
    WHERE f.administrative_dispute_resolved
    GROUP BY 1, 2, 3`,
};
