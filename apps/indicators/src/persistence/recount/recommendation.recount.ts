import type { RecountQueries } from './recount-query';

export const recommendationRecounts: RecountQueries = {
  RECOMMENDATIONS_ISSUED: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8 AS numerator, 0::float8 AS denominator
    FROM recommendation_fact f CROSS JOIN LATERAL china_periods(f.issued_at) p
    GROUP BY 1, 2, 3`,
  // By the reply's month, or the overdue announcement's while unreplied: a late reply counts once.
  RECOMMENDATION_REPLY_ON_TIME_RATE: `
    SELECT f.district_code, p.period_kind, p.period,
           count(*) FILTER (WHERE f.replied_at IS NOT NULL AND f.replied_on_time)::float8, count(*)::float8
    FROM recommendation_fact f CROSS JOIN LATERAL china_periods(COALESCE(f.replied_at, f.overdue_at)) p
    GROUP BY 1, 2, 3`,
  RECOMMENDATION_ADOPTION_RATE: `
    SELECT f.district_code, p.period_kind, p.period,
           count(*) FILTER (WHERE f.adoption IN ('ADOPTED', 'PARTLY_ADOPTED'))::float8, count(*)::float8
    FROM recommendation_fact f CROSS JOIN LATERAL china_periods(f.replied_at) p
    GROUP BY 1, 2, 3`,
  RECTIFICATION_RATE: `
    SELECT f.district_code, p.period_kind, p.period, count(*) FILTER (WHERE f.rectified)::float8, count(*)::float8
    FROM recommendation_fact f CROSS JOIN LATERAL china_periods(f.checked_at) p
    GROUP BY 1, 2, 3`,
};
