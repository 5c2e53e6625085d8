import { LEADERSHIP_OWNED_CATEGORIES } from '@pgov/contracts';
import type { RecountQueries } from './recount-query';

// Static enum values (no quotes in them): safe to inline.
const LEADERSHIP_OWNED = LEADERSHIP_OWNED_CATEGORIES.map((c) => `'${c}'`).join(', ');

export const petitionRecounts: RecountQueries = {
  PROCEDURAL_REPLY_7D_RATE: `
    SELECT f.district_code, p.period_kind, p.period,
           count(*) FILTER (WHERE f.procedural_replied_at IS NOT NULL AND f.procedural_on_time)::float8, count(*)::float8
    FROM petition_fact f CROSS JOIN LATERAL china_periods(f.received_at) p
    WHERE f.procedural_replied_at IS NOT NULL OR f.procedural_missed_at IS NOT NULL
    GROUP BY 1, 2, 3`,
  RESULT_REPLY_3M_RATE: `
    SELECT f.district_code, p.period_kind, p.period,
           count(*) FILTER (WHERE f.result_replied_at IS NOT NULL AND f.result_on_time)::float8, count(*)::float8
    FROM petition_fact f CROSS JOIN LATERAL china_periods(f.received_at) p
    WHERE f.result_replied_at IS NOT NULL OR f.result_missed_at IS NOT NULL
    GROUP BY 1, 2, 3`,
  LEADERSHIP_OWNERSHIP_RATE: `
    SELECT f.district_code, p.period_kind, p.period, count(f.owner_assigned_at)::float8, count(*)::float8
    FROM petition_fact f CROSS JOIN LATERAL china_periods(f.received_at) p
    WHERE f.first_time AND f.category IN (${LEADERSHIP_OWNED})
    GROUP BY 1, 2, 3`,
};
