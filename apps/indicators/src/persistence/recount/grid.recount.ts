import type { RecountQueries } from './recount-query';

export const gridRecounts: RecountQueries = {
  MEMBERS_TRAINED: `
    SELECT f.district_code, p.period_kind, p.period, count(*)::float8, 0::float8
    FROM training_attendance_fact f CROSS JOIN LATERAL china_periods(f.held_on) p
    GROUP BY 1, 2, 3`,
  // Every period in which a grid or a span started or ended, for every district that has grids:
  // grids existing at the period's end (midnight in China after its last day), and those of them
  // with a span running then.
  INFORMANT_GRID_COVERAGE: `
    WITH changes(at) AS (
      SELECT created_at FROM grid_fact UNION SELECT retired_at FROM grid_fact
      UNION SELECT "from" FROM informant_span UNION SELECT "to" FROM informant_span
    ), periods AS (
      SELECT DISTINCT p.period_kind, p.period,
             (date_trunc(lower(p.period_kind::text), c.at AT TIME ZONE 'Asia/Shanghai')
               + CASE p.period_kind WHEN 'MONTH' THEN interval '1 month' WHEN 'QUARTER' THEN interval '3 months' ELSE interval '1 year' END
             ) AT TIME ZONE 'Asia/Shanghai' AS end_at
      FROM changes c CROSS JOIN LATERAL china_periods(c.at) p
    )
    SELECT d.district_code, p.period_kind, p.period, count(cov.grid_code)::float8, count(g.grid_code)::float8
    FROM periods p
    CROSS JOIN (SELECT DISTINCT district_code FROM grid_fact) d
    LEFT JOIN grid_fact g ON g.district_code = d.district_code AND g.created_at < p.end_at AND (g.retired_at IS NULL OR g.retired_at >= p.end_at)
    LEFT JOIN LATERAL (
      SELECT g.grid_code FROM informant_span s WHERE s.grid_code = g.grid_code AND s."from" < p.end_at AND (s."to" IS NULL OR s."to" >= p.end_at) LIMIT 1
    ) cov ON true
    GROUP BY 1, 2, 3`,
};
